# Otau desktop UI labels — Kazakh (the default language).
# Every id here must also exist in ../ru/ui.ftl and ../en/ui.ftl (a UI test checks it).

## The app

ui-app-name = Otau
ui-app-wordmark = Otau — Отау
ui-app-tagline = Қандастарды бейімдеу және кіріктіру орталықтарына арналған тіркеу жүйесі
ui-app-feature-register = Отбасын бірнеше минутта тіркеу
ui-app-feature-search = Адамды аты-жөнінің кез келген жазылуы бойынша табу
ui-app-feature-offline = Интернетсіз де жұмыс істейді
ui-app-version = Нұсқа { $version }
ui-app-data-at = Деректер қоры:
ui-app-database = Дерекқор: { $path }

## Language switcher

ui-lang-switcher = Интерфейс тілі
ui-lang-kk = Қазақша
ui-lang-ru = Русский
ui-lang-en = English

## Sign-in screen

ui-signin-office-placeholder = Бейімдеу және кіріктіру орталығы
ui-signin-title = Жүйеге кіру
ui-signin-subtitle = Кеңсе әкімшісі берген логин мен құпиясөзді пайдаланыңыз.
ui-signin-login = Логин
ui-signin-password = Құпиясөз
ui-signin-show-password = Құпиясөзді көрсету
ui-signin-hide-password = Құпиясөзді жасыру
ui-signin-caps-lock = Caps Lock қосулы тұр
ui-signin-submit = Кіру
ui-signin-error-empty = Логин мен құпиясөзді енгізіңіз.
ui-signin-error-no-login = Логинді енгізіңіз.
ui-signin-error-no-password = Құпиясөзді енгізіңіз.
ui-signin-not-ready = Дерекқорға қосылу әлі дайын емес. Кейінірек қайталап көріңіз.
ui-signin-help = Кіре алмасаңыз, кеңсе әкімшісіне хабарласыңыз.

## Жұмыс экрандарының жалпы сөздері

ui-nav-label = Негізгі мәзір
ui-nav-home = Басты бет
ui-nav-find = Іздеу
ui-nav-register = Отбасын тіркеу
ui-lock-now = Экранды құлыптау
ui-sign-out = Жүйеден шығу
ui-back = Артқа
ui-cancel = Бас тарту
ui-loading = Жүктелуде…
ui-today = Бүгін
ui-until = { $date } дейін
ui-days-left = { $days ->
        [0] соңғы күні
       *[other] { $days } күн қалды
    }
ui-choose = — таңдаңыз —
ui-not-given = Көрсетілмеген
ui-open-record = Жазбаны ашу
ui-error-unexpected = Күтпеген қате: { $detail }. Әрекетті қайталап көріңіз; қате қайталанса, әкімшіге хабарласыңыз.
ui-col-name = Аты-жөні
ui-col-latin = Латынша
ui-col-regno = Тіркеу нөмірі
ui-col-head = Отбасы басшысы
ui-col-members = Мүшелері
ui-col-from = Қай елден
ui-col-when = Қашан
ui-col-who = Кім
ui-col-what = Не істелді
ui-col-whom = Кімге қатысты
ui-col-reason = Себебі

## Пернелер тіркесімдері

ui-keys-title = Пернелер тіркесімдері
ui-key-search = Іздеу
ui-key-new-family = Жаңа отбасын тіркеу
ui-key-add-member = Отбасы мүшесін қосу
ui-key-save = Сақтау
ui-key-edit = Деректерді түзету
ui-key-lock = Экранды құлыптау
ui-key-home = Басты бет
ui-key-back = Алдыңғы экранға оралу

## Басты бет

ui-home-greeting = Қош келдіңіз, { $name }!
ui-home-today = Бүгін — { $date }
ui-home-figures = Кеңсе көрсеткіштері
ui-home-families = тіркелген отбасы
ui-home-persons = тіркелген адам
ui-home-arrivals-week = 7 күнде келген отбасы
ui-home-arrivals-today = бүгін { $count }
ui-home-due-short = { $days } күнде мәртебесі аяқталады
ui-home-arrivals = Соңғы келгендер
ui-home-arrivals-note = Соңғы 7 күн, бүгін келгендер жоғарыда
ui-home-arrivals-none = Соңғы 7 күнде келген отбасы жоқ.
ui-home-due = Мәртебесі { $days } күнде аяқталатындар
ui-home-due-none = Алдағы { $days } күнде ешкімнің қандас мәртебесі аяқталмайды.
ui-home-due-more = Тағы { $count } адам
ui-home-work = Соңғы жұмыс
ui-home-work-none = Әзірге ешқандай жұмыс жазылмаған.

## Әрекеттер мен жазбалар (өзгерістер тарихы)

ui-action-family-register = Отбасы тіркелді
ui-action-person-edit = Деректер түзетілді
ui-action-status-record = Қандас мәртебесі жазылды
ui-action-status-extend = Мәртебе ұзартылды
ui-action-status-end = Мәртебе тоқтатылды
ui-action-quota-include = Квотаға енгізілді
ui-action-quota-set = Квота белгіленді
ui-action-plan-add = Бейімдеу жоспарына тармақ қосылды
ui-action-plan-update = Бейімдеу жоспары өзгертілді
ui-action-plan-stay = Орталықта тұруы жазылды
ui-action-service-record = Қызмет көрсетілді
ui-action-user-add = Пайдаланушы қосылды
ui-action-user-password = Құпиясөз қойылды
ui-action-user-activate = Пайдаланушыға кіруге қайта рұқсат берілді
ui-action-user-deactivate = Пайдаланушы өшірілді
ui-action-office-key-rotate = Кеңсенің жаңа қол қою кілті
ui-action-office-init = Кеңсе құрылды
ui-action-reference = Анықтамалық деректер жүктелді
ui-entity-family = Отбасы
ui-entity-person = Жеке деректер
ui-entity-document = Құжат
ui-entity-consent = Келісім
ui-entity-status = Қандас мәртебесі
ui-entity-quota = Квота
ui-entity-plan = Жоспар
ui-entity-service = Қызмет
ui-entity-stay = Орталықта тұру
ui-audit-field-registered_on = Тіркелген күні
ui-audit-field-granted_until = Мерзімі аяқталатын күн
ui-audit-field-extended_until = Ұзартылған мерзімі аяқталатын күн
ui-audit-field-end_note = Тоқтату туралы ескертпе

## Іздеу

ui-find-title = Адамды іздеу
ui-find-subtitle = Аты-жөнін кез келген жазылуымен (латынша, орысша немесе қазақша), ЖСН-ін немесе құжат нөмірін теріңіз.
ui-find-placeholder = Аты-жөні, ЖСН немесе құжат нөмірі
ui-find-start = Нәтижелер терген сайын шығады. Мысалы:
ui-find-example-latin = латынша
ui-find-example-russian = орысша
ui-find-example-kazakh = қазақша
ui-find-example-iin = ЖСН-нің басы
ui-find-none = «{ $query }» бойынша ешкім табылмады. Басқа жазылуын, ЖСН-ді немесе құжат нөмірін теріп көріңіз.
ui-find-count = Табылғаны: { $count }
ui-find-took = { $ms } мс

## Отбасын тіркеу

ui-register-title = Отбасын тіркеу
ui-register-subtitle = Алдымен отбасының келуі мен қоныстануы, содан кейін әр мүшесі. Міндетті өрістер * белгісімен көрсетілген.
ui-register-clear = Форманы тазарту
ui-register-clear-confirm = Тазартуды растаңыз
ui-register-family = Отбасы
ui-register-members = Отбасы мүшелері ({ $count })
ui-register-member-number = { $number }-мүше
ui-register-member-unnamed = Аты-жөні әлі енгізілмеген
ui-register-remove-member = Алып тастау
ui-register-add-member = Отбасы мүшесін қосу
ui-register-hint = Деректер теру барысында тексеріледі. Сақтау үшін Ctrl+S басыңыз.
ui-register-member-duplicate = Бұрын тіркелген болуы мүмкін
ui-register-duplicates-note = Бұрын тіркелген адамдарға ұқсастық: { $count }. Сақтамас бұрын тексеріңіз.
ui-register-duplicates-show = Көрсету
ui-register-problems = Түзетуді қажет ететін өрістер: { $count }
ui-register-save = Отбасын тіркеу
ui-register-save-anyway = Бәрібір тіркеу
ui-register-done-title = Отбасы тіркелді
ui-register-done-text = Тіркеу нөмірлері берілді: { $count } адам.
ui-register-open-card = Карточканы ашу
ui-register-another = Келесі отбасын тіркеу
ui-date-placeholder = КК.АА.ЖЖЖЖ
ui-iin-placeholder = 12 цифр
ui-iin-valid = ЖСН дұрыс · { $birth_date } · { $sex }
ui-citizenship-origin = Шыққан елімен бірдей
ui-member-relation = Басшыға туыстығы
ui-member-latin-note = Латынша жазылуы — құжаттағыдай, әріп-әрпімен.
ui-consent-note = Келісім берілген күн мен өңдеу мақсаты тіркеледі.
ui-consent-default-purpose = Бейімдеу және кіріктіру қызметтерін көрсету
ui-dup-title = Бұрын тіркелген адамдарға ұқсастық табылды: { $count }
ui-dup-explain = Бұл сол адамдар болуы мүмкін. Жазбаны ашып салыстырыңыз: сол адам болса, оны қайта тіркемеңіз.
ui-dup-col-new = Формадағы адам
ui-dup-col-existing = Бұрын тіркелген
ui-dup-col-reason = Неге ұқсас
ui-dup-member = { $number }-мүше: { $name }
ui-dup-allow = Тексердім: бұлар басқа адамдар, отбасын бәрібір тіркеймін

## Адамның карточкасы

ui-card-age = { $age } жаста
ui-card-family = Отбасы: { $regno }
ui-card-edit = Түзету
ui-card-edit-title = Деректерді түзету
ui-card-edit-note = Әр өзгеріс себебімен бірге тарихта сақталады.
ui-card-reason-hint = Мысалы: құжаттағы қате түзетілді; жаңа телефон нөмірі.
ui-card-save = Түзетуді сақтау
ui-card-saved = Түзету сақталды.
ui-card-reload = Жазбаны қайта ашу
ui-card-personal = Жеке деректер
ui-card-latin = Латынша жазылуы
ui-card-no-document = Құжат енгізілмеген.
ui-card-contacts = Байланыс және келісім
ui-card-consent-given = { $date } берілген
ui-card-consent-missing = Келісім жазылмаған
ui-card-history = Өзгерістер тарихы
ui-card-history-note = Кім, қашан, нені өзгертті
ui-card-history-reason = Себебі: { $reason }
ui-viewed-by-title = Кім қараған
ui-viewed-by-count = { $total } ішінен { $shown }, алдымен жаңалары
ui-viewed-by-none = Бұл адамның деректерін әлі ешкім қарамаған.
ui-viewed-by-family = бүкіл отбасы
ui-card-status = Қандас мәртебесі және квота
ui-card-status-term = { $from } – { $until }
ui-card-status-since = { $date } бастап
ui-card-quota = { $region }: { $year } жылғы квота
ui-card-quota-none = Бұл өңірге биылғы квота белгіленбеген.
ui-card-quota-total = квота
ui-card-quota-used = бөлінді
ui-card-quota-left = қалды
ui-card-casework-note = Мұнда тек көрсетіледі: мәртебе мен квота туралы шешімдер бөлек жазылады.
ui-card-family-title = Отбасы

## Экранды құлыптау

ui-lock-title = Экран құлыпталды
ui-lock-text = { $name } ({ $login }), жұмысты жалғастыру үшін құпиясөзіңізді енгізіңіз. Сақталмаған деректер орнында тұр.
ui-lock-other-text = Басқа пайдаланушы ретінде кіріңіз. Алдыңғы пайдаланушының сақталмаған формасы жабылады.
ui-lock-unlock = Құлыпты ашу
ui-lock-other-user = Басқа пайдаланушы ретінде кіру
ui-lock-same-user = { $login } ретінде жалғастыру

## Жұмыс үстелі қолданбасының қателері (Rust жағынан келетін кодтар)

desk-signed-out = Жүйеге ешкім кірмеген: жұмысты жалғастыру үшін логин мен құпиясөзді енгізіңіз.
desk-locked = Экран құлыпталған: жалғастыру үшін құпиясөзді енгізіңіз.
desk-no-database = Дерекқор файлы қай жерде екені белгісіз: OTAU_DB айнымалысында файлдың жолын көрсетіп, бағдарламаны қайта іске қосыңыз.
desk-date-format = «{ $value }» күн емес: күнді КК.АА.ЖЖЖЖ (мысалы, 14.09.2026) немесе ЖЖЖЖ-АА-КК түрінде жазыңыз.
desk-internal = Бағдарламаның ішкі қатесі: бағдарламаны қайта іске қосыңыз; қате қайталанса, әкімшіге хабарласыңыз.
desk-bad-arguments = Бағдарлама { $command } әрекетін қате сұрады: бағдарламаны қайта іске қосыңыз; қате қайталанса, әкімшіге хабарласыңыз.
store-reason-required = Түзетудің себебін жазыңыз: ол өзгерістер тарихында сақталады.
ui-consent-basis-given = Келісім берілді
ui-consent-basis-minor = Кәмелетке толмаған: өкілінің келісімі
ui-consent-basis-no_capacity = Әрекетке қабілетсіз: өкілінің келісімі
ui-consent-basis-other = Келісім жоқ: басқа себеп
ui-consent-basis-to_collect = Кейін алынады
ui-consent-member = Отбасының { $number } мүшесі
ui-consent-to-collect-note = Импортталған тізімнен: адам келісім бергенде оны жазыңыз.
ui-consent-covered-by = Келісімі бойынша: { $name } ({ $regno })
ui-consent-expired = Келісім мерзімі { $date } өтті
ui-consent-withdrawn-on = Келісім { $date } кері қайтарылды
ui-consent-until = { $date } дейін
ui-consent-warning = Күшіндегі келісім болмаса, бұл адамның деректерімен тек заң талап ететін әрекет жасалады: отбасы туралы жаңа құжат берілмейді; ол туралы барлық деректерді файлға сақтауға болады.
ui-consent-withdrawal = Кері қайтару
ui-consent-withdrawal-line = { $date } · { $method } · қабылдаған { $by }
ui-consent-record = Келісімді жазу
ui-consent-record-save = Келісімді сақтау
ui-consent-withdraw = Кері қайтаруды жазу
ui-consent-withdraw-save = Кері қайтаруды сақтау
ui-consent-withdrawn_on = Кері қайтарылған күн
ui-consent-withdrawal-method = Кері қайтару тәсілі
ui-consent-withdrawal-note = Ескертпе
ui-consent-withdrawal-received_by = Қабылдаған
ui-consent-export = Адам туралы барлық деректер файлмен
ui-consent-exported = Сақталды: { $path }. Файлда дербес деректер бар: оны тек адамның өзіне немесе заң талап еткенде беріңіз.
ui-action-consent-record = Келісім жазылды
ui-action-consent-withdraw = Келісім кері қайтарылды
ui-entity-consent-withdrawal = Келісімді кері қайтару

# The office secret at sign-in and the recovery code shown once after joining an office.
ui-office-secret = Кеңсе құпиясы
ui-office-secret-hint = Бұл компьютерге алғаш кіргенде әкімші берген кеңсе құпиясын енгізіңіз.
ui-recovery-code-title = Қалпына келтіру коды
ui-recovery-code-hint = Бұл кодты қазір жазып алып, компьютерден бөлек сақтаңыз. Ол бір рет қана көрсетіледі және кеңсе құпиясы жоғалса, дерекқорды ашады.
ui-recovery-code-done = Кодты жазып алдым
