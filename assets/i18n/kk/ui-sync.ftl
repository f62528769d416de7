# Otau desktop UI — sync with the centre: the sidebar's status, the sync screen (status,
# enrolment, conflicts, review cases), joining an office from the sign-in screen, and the history
# of changes synced from another device (Kazakh). Every id here also exists in ../ru and ../en.

## Codes of the sync screens (otau-api)

desk-sync-required = Бұл өрісті толтырыңыз.
desk-sync-has-office = Бұл дерекқор бұрыннан бір бейімдеу орталығына тиесілі: жүйеге кіріңіз.

## The sidebar

ui-sync-nav = Синхрондау
ui-sync-open = Синхрондау экранын ашу
ui-sync-now = Қазір синхрондау
ui-sync-syncing = Синхрондалуда…
ui-sync-never = Әлі синхрондалмаған
ui-sync-just-now = Жаңа ғана синхрондалды
ui-sync-minutes-ago = { $minutes } мин бұрын синхрондалды
ui-sync-last-at = Соңғы синхрондау { $moment }
ui-sync-waiting = Жіберуді { $count } өзгеріс күтуде
ui-sync-all-sent = Бәрі жіберілді
ui-sync-conflicts-count = Шешілетін { $count } қайшылық
ui-sync-cases-count = Тексерілетін { $count } жағдай
ui-sync-unreachable = Орталық { $moment } бастап қолжетімсіз
ui-sync-not-enrolled = Орталыққа қосылмаған
ui-sync-works-offline = Бәрі байланыссыз жұмыс істейді.

## The sync screen: status

ui-sync-title = Орталықпен синхрондау
ui-sync-subtitle = Осы компьютердің жұмысы орталыққа және бейімдеу орталығының басқа компьютерлеріне жіберіледі, олардың жұмысы осында келеді. Синхрондау фонда жүреді және жұмысқа кедергі келтірмейді.
ui-sync-status = Күйі
ui-sync-centre = Орталық
ui-sync-last = Соңғы синхрондау
ui-sync-waiting-label = Жіберуді күтуде
ui-sync-conflicts-label = Қайшылықтар
ui-sync-cases-label = Тексерілетін жағдайлар
ui-sync-background = Фондық синхрондау
ui-sync-background-every = әр { $minutes } минут сайын
ui-sync-background-off = өшірулі: батырмамен синхрондаңыз
ui-sync-problem = Соңғы ақау
ui-sync-report = Соңғы синхрондау: { $pushed } жіберілді, { $applied } алынды, { $conflicts } жаңа қайшылық, { $cases } жаңа тексерілетін жағдай.
ui-sync-not-enrolled-note = Бұл дерекқор дербес жұмыс істейді. Оның жазбалары орталыққа және басқа компьютерлерге жетуі үшін оны орталыққа қосыңыз.

## Enrolment

ui-sync-enrol-title = Осы компьютерді орталыққа қосу
ui-sync-enrol-note = Орталық берген бір реттік кодты қойыңыз. Бейімдеу орталығының жазбалары орталыққа жіберіледі; әрі қарай синхрондау фонда жүреді.
ui-sync-enrol-centre = Орталықтың мекенжайы
ui-sync-enrol-centre-hint = Мысалы, https://centre.example.kz:8443
ui-sync-enrol-code = Қосылу коды
ui-sync-enrol-name = Осы компьютердің атауы
ui-sync-enrol-name-hint = Орталықта көрінеді, мысалы «2-терезе» (міндетті емес)
ui-sync-enrol-submit = Қосу
ui-sync-enrol-busy = Жазбалар жіберілуде…
ui-sync-enrol-done = Бұл компьютер орталыққа қосылды.
ui-sync-enrol-admins = Компьютерді орталыққа тек әкімші қоса алады.

## Conflicts

ui-sync-conflicts = Қайшылықтар
ui-sync-conflicts-note = Бір өріс екі компьютерде әртүрлі өзгертілген. Дұрыс мәнді таңдап, себебін жазыңыз: шешім бейімдеу орталығының барлық компьютеріне жетеді.
ui-sync-conflicts-none = Қайшылық жоқ.
ui-sync-show-resolved = Шешілгендерін көрсету
ui-sync-kept = Қазір күшінде
ui-sync-proposed = Басқа мән
ui-sync-choose-kept = Осыны қалдыру
ui-sync-choose-proposed = Осыны алу
ui-sync-typed = Дұрыс мәнді енгізу
ui-sync-reason = Себебі
ui-sync-reason-hint = Тарихта сақталады, мысалы «паспортпен салыстырылды»
ui-sync-resolve = Шешу
ui-sync-choose = Мәндердің бірін таңдаңыз немесе дұрысын енгізіңіз.
ui-sync-this-device = осы компьютер
ui-sync-other-device = { $device } құрылғысы
ui-sync-said = «{ $reason }»
# States and decisions, named as the library names an enumeration's values (<enum>-<value>).
sync_state-open = Шешу керек
sync_state-resolved = Шешілді
sync_state-decided = Шешім қабылданды
ui-sync-resolved = { $login } { $date } шешті: { $value }
ui-sync-dismissed = { $login } { $date } қабылдамады
ui-sync-resolved-why = Себебі: { $reason }
ui-sync-resolve-done = Қайшылық шешілді. Шешім келесі синхрондауда басқа компьютерлерге жетеді.
ui-sync-duplicate = Күшіне енбеген жазба
ui-sync-duplicate-note = Бұл жазбаның нөмірін немесе кілтін басқа компьютер бұрын алған, сондықтан ол күшіне енбеді. Әлі қажетін қайта тіркеп, оны осында қабылдамаңыз.
ui-sync-dismiss = Қабылдамау
ui-sync-resolve-not-allowed = Сіздің рөліңіз қайшылықтарды шешпейді.

## Review cases

ui-sync-cases = Тексерілетін жағдайлар
ui-sync-cases-note = Екі компьютер ақша немесе тұлға туралы басшының шешімінсіз қатар тұра алмайтын деректерді жазған: төлемдер ешқашан біріктірілмейді.
ui-sync-cases-none = Тексерілетін жағдай жоқ.
# What the two facts of a review case share.
case_key-line_kind = Бір төлем екі рет мақұлданған немесе төленген
case_key-line_settled = Бір төлем әрі төленген, әрі қайтарылған
case_key-iin = Бір ЖСН екі рет тіркелген
ui-sync-first = Бірінші дерек
ui-sync-second = Екінші дерек
ui-sync-decision = Шешім
ui-sync-decision-choose = Таңдаңыз…
case_decision-both_stand = Екеуі де қалады
case_decision-correction = Ақша қайтарылды немесе жазба түзетілді
case_decision-same_person = Бір адам
case_decision-different_people = Әртүрлі адамдар
ui-sync-decide = Шешу
ui-sync-decided = { $login } { $date } шешті: { $decision }
ui-sync-decide-done = Жағдай бойынша шешім жазылды.
ui-sync-choose-decision = Шешімді таңдаңыз.
ui-sync-cases-managers = Тексерілетін жағдайларды басшы шешеді.

## Joining an office on a new computer (the sign-in screen)

ui-sync-join-hint = Орталықпен жұмыс істейтін бейімдеу орталығының жаңа компьютері ме?
ui-sync-join-link = Бейімдеу орталығына қосылу
ui-sync-join-title = Бейімдеу орталығына қосылу
ui-sync-join-subtitle = Бұл компьютер жазбаларды орталықтан алады. Құпиясөздер жіберілмейді: осы компьютер үшін әкімшінің құпиясөзін орнатыңыз.
ui-sync-join-login = Әкімшінің логині
ui-sync-join-password = Осы компьютердегі жаңа құпиясөз
ui-sync-join-password-hint = Кемінде 8 таңба
ui-sync-join-submit = Қосылу
ui-sync-join-busy = Жазбалар алынуда…
ui-sync-join-back = Кіруге оралу

## History of changes

ui-sync-history-remote = Басқа құрылғыдан келді
ui-sync-history-remote-device = Басқа құрылғыдан келді ({ $device })
ui-sync-history-not-applied = күшіне енбеді: қайшылық
ui-sync-history-dropped = Бұл жазба мұнда күшіне енбеді: бар жазбамен қайшылыққа түсті (синхрондау бетіндегі қайшылықтарды қараңыз)
ui-sync-action-resolve = Қайшылық шешілді
ui-sync-action-decide = Тексерілетін жағдай шешілді
ui-sync-entity-conflict = Синхрондау қайшылығы
ui-sync-entity-case = Тексерілетін жағдай
ui-history-field-sync_conflict-state = Күйі
ui-history-field-review_case-state = Күйі
ui-history-field-review_case-decision = Шешім

## USB флеш-жинақтағыш арқылы пакеттер (otau-api `packets`)

desk-packet-path-required = Файлды көрсетіңіз.
desk-packet-exists = { $path } бар: пакет ешқашан файлды алмастырмайды. Басқа атау таңдаңыз.
desk-packet-unwritable = { $path } жазылмады: { $detail }.
desk-packet-file-unreadable = { $path } оқылмады: { $detail }.
desk-packet-busy = Пакет жүктеліп жатыр: аяқталуын күтіңіз.
ui-sync-subtitle-packets = Бұл компьютердің орталықпен байланысы жоқ: оның жұмысы орталыққа және бөлімнің басқа компьютерлеріне, олардың жұмысы осында флешкадағы пакеттермен жетеді.
ui-sync-by-packet = Флешкамен пакет алмасады (орталықпен байланыссыз)
ui-packet-title = Флешка арқылы алмасу
ui-packet-note = Орталықпен байланыс жоқ жерде пакетті USB флешкамен апарады: осы компьютердің жұмысын орталыққа шығарыңыз, содан кейін орталық жауап ретінде жазған пакетті жүктеңіз. Пакеттер шифрланған әрі қол қойылған: жоғалған флешка адамдар туралы ештеңе ашпайды.
ui-packet-export-title = Орталыққа шығару
ui-packet-export-note = Пакетке орталық әлі растамаған барлық өзгеріс кіреді, сондықтан пакет жоғалса, ештеңе жоғалмайды: келесісі оларды қайталайды.
ui-packet-import-title = Орталықтан жүктеу
ui-packet-import-note = Орталық осы компьютерге жазған пакетті таңдаңыз немесе оның жолын көрсетіңіз.
ui-packet-file = Файл
ui-packet-drives = USB жинақтағыштар
ui-packet-home = Үй қалтасы
ui-packet-no-drive = USB жинақтағыш табылмады: пакет үй қалтасына жазылады. Флешканы салып, «Қайта қарау» түймесін басыңыз.
ui-packet-refresh = Қайта қарау
ui-packet-export = Пакетті шығару
ui-packet-exporting = Пакет жазылып жатыр…
ui-packet-exported = Пакет жазылды: { $path }
ui-packet-exported-events = { $events ->
        [0] Күтіп тұрған өзгеріс жоқ: пакет орталыққа осы компьютердің күйін хабарлайды.
       *[other] «{ $centre }» орталығына { $events } өзгеріс.
    }
ui-packet-exported-enrolment = Онда осы компьютерді қосу өтініші бар: орталықтың жауабы оны аяқтайды.
ui-packet-carry = Оны орталыққа апарып, жауабын әкеліңіз.
ui-packet-found = Табылған пакеттер
ui-packet-found-none = USB жинақтағыштарда және үй қалтасында пакет жоқ. Жолын төменде көрсетіңіз.
ui-packet-written-at = жазылған уақыты { $moment }
ui-packet-import = Пакетті жүктеу
ui-packet-importing = Жүктелуде…
ui-packet-opening = Пакет ашылып, тексерілуде…
ui-packet-progress = { $total } өзгерістің { $done } қолданылды
ui-packet-imported = Пакет жүктелді
ui-packet-from-to = «{ $centre }» орталығынан «{ $device }» компьютеріне, { $office } бөлімі
ui-packet-range = Бөлімнің { $first }–{ $last } өзгерістері
ui-packet-range-none = Онда бөлімнің жаңа өзгерісі жоқ
ui-packet-sum-acknowledged = Орталық растаған осы компьютердің өзгерістері
ui-packet-sum-applied = Бөлімнің басқа компьютерлерінің мұнда қолданылған өзгерістері
ui-packet-sum-held = Мұнда бұрыннан бар
ui-packet-sum-conflicts = Жаңа қайшылықтар
ui-packet-sum-cases = Тексерілетін жаңа жағдайлар
ui-packet-sum-voided = Басқа бөлімдерде жойылған құжаттар
ui-packet-sum-cross = Басқа бөлімде де тіркелген адамдар
ui-packet-sum-cross-decisions = Олар бойынша басқа бөлімдердің шешімдері
ui-packet-sum-reference = Анықтамалық деректер (АЕК, ережелер, квоталар, бөлімдер)
ui-packet-sum-blocks = Тіркеу нөмірлерінің блоктары
ui-packet-refused = Пакет жүктелмеді

## Екі бөлімдегі бір адам

ui-cross-title = Екі бөлімдегі бір адам
ui-cross-note = Орталық мұнда тіркелген және басқа бөлімде де тіркелген адамды тапты. Екі жазбаны салыстырып, бұл бір адам ма, соны шешіңіз: шешіміңіз басқа бөлімге жетеді.
ui-cross-none = Шешім күтіп тұрған адам жоқ.
ui-cross-show-decided = Шешілгендерін көрсету
ui-cross-label = Екі бөлімде
ui-cross-count = Екі бөлімде { $count } адам
ui-cross-shared-iin = ЖСН бірдей: { $value }
ui-cross-shared-doc = Құжат бірдей: { $document } { $value }
ui-cross-shared-name = Аты-жөні мен туған күні бірдей ({ $date }), кез келген жазылуда
ui-cross-found = Орталық тапты: { $moment }
ui-cross-here = Осы бөлімде
ui-cross-there = «{ $office }» бөлімінде
ui-cross-office-code = { $code } бөлімі
ui-cross-name = Аты-жөні
ui-cross-name-latin = Латын әрпімен
ui-cross-birth = Туған күні
ui-cross-iin = ЖСН
ui-cross-documents = Құжаттар
ui-cross-regno = Тіркеу нөмірі
ui-cross-family = Отбасы
ui-cross-registered = Тіркелген
ui-cross-not-here = Бұл адамның жазбасы осы компьютерде әлі жоқ: алдымен синхрондаңыз.
ui-cross-same = Бір адам
ui-cross-different = Әртүрлі адамдар
ui-cross-reason = Себебі
ui-cross-reason-hint = Не салыстырдыңыз: құжаттар, фото, басқа бөлімге қоңырау…
ui-cross-reason-required = Себебін жазыңыз: оны басқа бөлім оқиды.
ui-cross-decided-here = { $login } { $moment } шешті: { $decision }
ui-cross-decided-there = { $office } ({ $login }) { $moment } шешті: { $decision }
ui-cross-decide-done = Шешім жазылды. Келесі синхрондауда ол орталыққа және басқа бөлімге жетеді.
ui-cross-editors = Мұндай жағдайларды тізілімді түзететіндер шешеді.

## Бір отбасына бір біржолғы субсидия екі бөлімде төленді

ui-paycase-title = Бір субсидия екі бөлімде төленді
ui-paycase-note = Орталық осында біржолғы субсидия төленген, бірақ оны басқа бөлім де төлеген отбасын тапты. Екі төлемді салыстырып, екеуі де қала ма, әлде біреуін қайтару керек пе — шешіңіз: шешіміңіз басқа бөлімге жетеді.
ui-paycase-none = Шешім күтіп тұрған төлем жоқ.
ui-paycase-label = Екі рет төленді
ui-paycase-count = Екі бөлімде төленген { $count } отбасы
ui-paycase-paid-here = Осы бөлімде төленді
ui-paycase-paid-there = «{ $office }» бөлімінде төленді
ui-paycase-family = Отбасы
ui-paycase-head = Отбасы басшысы
ui-paycase-kind = Субсидия
ui-paycase-amount = Сомасы
ui-paycase-paid-on = Төленген күні
ui-paycase-keep = Екі төлем де қалады
ui-paycase-recover = Біреуін қайтару
ui-paycase-reason-hint = Не тексердіңіз: ережелер, отбасының құжаттары, басқа бөлімге қоңырау…
ui-paycase-managers = Мұндай жағдайларды тек басшы шешеді: төлемдерді тек ол бекітеді.
payment_decision-keep_both = Екі төлем де қалады
payment_decision-recover = Бір төлемді қайтару керек
ui-sync-progress-sending = Өзгерістер жіберілуде: { $total } ішінен { $done }
ui-sync-progress-receiving = Өзгерістер алынуда: { $total } ішінен { $done }
