# Отбасылармен жұмыс: қандас мәртебесі, өңірлік квота, бейімдеу жоспары мен қызметтер, кестелерді импорттау.

## Қандас мәртебесі

status-no-application = Өтініш жазылмаған: алдымен өтініш берілген күнді көрсетіңіз (--applied).
status-date-in-future = Күн бүгінгі күннен ({ $today }) кейін тұр: күнді тексеріңіз.
status-before-stage = Күн { $stage ->
        [applied_on] өтініш
        [recommended_on] ұсыным
       *[decided_on] шешім
    } күнінен ({ $date }) бұрын тұр: екі күнді де тексеріңіз.
status-incomplete = Күн мен мәні бірге көрсетіледі: екеуін де беріңіз (мысалы, --recommended пен --recommendation).
status-refusal-reason-missing = Бас тарту үшін себебі керек: оны --refusal-reason арқылы көрсетіңіз.
status-reason-without-refusal = Бас тарту себебі көрсетілген, бірақ мәртебе беруден бас тартылмаған: себепті алып тастаңыз немесе бас тартуды жазыңыз.
status-not-granted = Мәртебе берілмеген, сондықтан оны ұзартуға да, тоқтатуға да болмайды: алдымен мәртебе беру туралы шешімді жазыңыз.
status-extended-after-expiry = Мәртебенің мерзімі { $until } аяқталған: тек күшіндегі мәртебені ұзартуға болады. Оның орнына жаңа өтінішті жазыңыз.
status-extension-length = { $months } айға ұзартуға болмайды: 1 айдан { $max } айға дейін көрсетіңіз.
status-already-extended = Мәртебе { $on } ұзартылған: оны тек бір рет ұзартуға болады.
status-already-ended = Мәртебе { $on } тоқтатылған: оған енді ештеңе жазылмайды.
status-stage-recorded = Бұл кезең { $value } мәнімен жазылып қойған. Түзету үшін себебін көрсетіңіз: --correction "себебі".
status-none = { $regno } үшін қандас мәртебесі жазылмаған: алдымен өтініш пен шешімді жазыңыз.

## Өңірлік квота

quota-unknown-region = «{ $value }» өңір емес: өңір кодын көрсетіңіз, мысалы KZ-55, ел бойынша квота үшін KZ.
quota-year = { $year } жылы 1991–2100 аралығынан тыс: жылды тексеріңіз.
quota-negative = { $people } адамдық квота болмайды: нөл немесе одан көп санды көрсетіңіз.
quota-effective-after-year = { $year } жылғы квота сол жылдан кейін, { $effective_from } күшіне ене алмайды: күн мен жылды тексеріңіз.
quota-duplicate-row = Квота кестесінде { $region } { $year } үшін { $effective_from } бастап екі жол бар: біреуін қалдырыңыз.
quota-json = Квота кестесі оқылмады ({ $detail }): файлды түзетіңіз немесе Otau-мен бірге келген файлды қалпына келтіріңіз.
quota-none = { $on } күніне { $region } өңірінің { $year } жылғы квотасы белгіленбеген: оны әкімші otau quota set командасымен белгілейді.
quota-exceeded = { $region } өңірінің { $year } жылғы квотасы — { $quota } адам; оның { $used } орны бөлінген, { $remaining } орын қалды, сондықтан { $people } адамды енгізуге болмайды. Азырақ адамды енгізіңіз (--people) немесе квотаның өзгеруін күтіңіз.
quota-people = { $family_size } адамдық отбасынан { $people } адамды енгізуге болмайды: 1-ден { $family_size }-ге дейін көрсетіңіз.
quota-already-included = Отбасы { $on } күнгі шешіммен квотаға ({ $region }, { $year }) енгізілген.
quota-date-in-future = Шешім күні бүгінгі күннен ({ $today }) кейін тұр: күнді тексеріңіз.

## Жоспар, қызметтер, орталықта тұру

plan-required = Бұл өріс бос: толтырыңыз.
plan-date-in-future = Күн бүгінгі күннен ({ $today }) кейін тұр: күнді тексеріңіз.
plan-before-arrival = Күн отбасы келген күннен ({ $arrival_date }) бұрын тұр: күнді тексеріңіз.
plan-end-before-start = Аяқталу күні басталу күнінен ({ $start }) бұрын тұр: екі күнді де тексеріңіз.
plan-stay-length = { $months } ай тұруға болмайды: 1 айдан 24 айға дейін көрсетіңіз.
plan-not-a-member = { $regno } { $family_regno } отбасының мүшесі емес: осы отбасының мүшесін көрсетіңіз.
plan-unknown-user = «{ $login }» деген белсенді пайдаланушы жоқ: осы кеңсе пайдаланушысының логинін көрсетіңіз (otau user list).
plan-unknown-item = Жоспарда { $number }-тармақ жоқ: тармақтарды otau plan show көрсетеді.
plan-not-in-list = «{ $value }» рұқсат етілген мәндердің қатарында жоқ: { $allowed }.
plan-bad-month = «{ $value }» ай емес: ЖЖЖЖ-АА түрінде жазыңыз, мысалы 2026-11.

## Кестелерді импорттау

import-mapping-invalid = Сәйкестендіру файлы оқылмады ({ $detail }): оны түзетіңіз (README.md қараңыз) немесе --suggest-mapping арқылы жаңасын жасаңыз.
import-column-missing = Файлда «{ $column }» бағаны жоқ: сәйкестендіруді түзетіңіз. Файлдағы бағандар: { $columns }.
import-field-unmapped = Сәйкестендіруде { $field } өрісі үшін баған да, әдепкі мән де жоқ: біреуін қосыңыз.
import-relation-unmapped = Жолдар отбасыларға біріктіріледі, сондықтан әр адамның отбасы басшысына кім болып келетінін көрсететін баған керек: «relation» өрісін сәйкестендіріңіз.
import-no-rows = Тақырып жолынан төмен деректер жоқ: файлды және «header_row» мәнін тексеріңіз.
import-bad-date = «{ $value }» күн емес: КК.АА.ЖЖЖЖ немесе ЖЖЖЖ-АА-КК түрінде жазыңыз.
import-bad-value = «{ $value }» түсініксіз: { $allowed } мәндерінің бірін жазыңыз немесе оны сәйкестендірудің «values» бөліміне қосыңыз.
import-family-key-missing = Бірінші жолда отбасы нөмірі жоқ: отбасы бағанын толтырыңыз.
import-family-refused = Осы отбасының { $row }-жолы қабылданбады, сондықтан бүкіл отбасы күтеді: сол жолды түзетіп, қайта импорттаңыз.
import-family-field-conflict = «{ $value }» мәні отбасының «{ $family_value }» мәнімен (басшысының жолынан) сәйкес келмейді: отбасында бір ғана мән болады; жолды түзетіңіз немесе отбасын бөліңіз.
import-already-registered = { $regno } нөмірімен тіркелген ({ $reason }): өткізіп жіберілді.
import-repeated-in-file = { $row }-жолдағы адаммен бірдей: екі жолдың біреуін өшіріңіз.
import-likely-duplicate = { $regno } { $name } адамына ұқсайды ({ $reason }): сол адам ма, тексеріңіз де, бұл отбасын қолмен тіркеңіз.
import-file-kind = «.{ $ext }» түріндегі файлдар импортталмайды: кестені XLSX немесе CSV ретінде сақтаңыз.
import-header-row = Файлдың { $row }-жолы (тақырып жолы) бос немесе жоқ: сәйкестендірудегі «header_row» мәнін тексеріңіз.
import-file-unreadable = { $path } оқылмады: { $detail }.
import-file-too-large = Файлдың көлемі { $size_mb } МБ, ең көбі { $max_mb } МБ импортталады: оны бірнеше файлға бөліңіз.
import-too-many-rows = Парақта { $max } жолдан көп: оны әрқайсысы ең көбі { $max } жолдан тұратын бірнеше файлға бөліңіз.
import-too-many-columns = Парақта { $max }-бағаннан әрі мән бар: тізілім бағандарынан тыс жатқанның бәрін өшіріңіз (немесе тек соларды сақтаңыз) де, қайта импорттаңыз.
import-csv-not-utf8 = { $path } UTF-8 кодтауында емес: оны «CSV UTF-8» ретінде қайта сақтаңыз.
import-delimiter = «{ $value }» CSV бағандарын бөле алмайды: «;», «,» немесе табуляцияны қолданыңыз.
import-sheet-missing = Файлда «{ $sheet }» парағы жоқ: оның парақтары — { $sheets }.
import-refused-sheet = Қабылданбаған жолдар
import-refused-row = Файлдағы жол
import-refused-reasons = Неге қабылданбады

## Командалық жол

cli-bad-days = «{ $value }» күн саны емес: мысалы, 30d, 30 немесе 2w деп жазыңыз.
cli-status-term = { $from } бастап { $until } дейін ({ $days } күн қалды)
cli-status-since = { $on } бастап
cli-status-on = Күні
cli-status-state = Мәртебесі
cli-status-extension = { $on }, { $months } айға
cli-status-rules = Мәртебе 12 айға беріледі және бір рет { $months } айға ұзартылуы мүмкін.
cli-status-due-none = Алдағы { $days } күнде ешбір мәртебенің мерзімі аяқталмайды.
cli-status-due = Алдағы { $days } күнде мерзімі аяқталатын мәртебелер ({ $count }):
cli-status-can-extend = ұзартуға болады
cli-col-days-left = Қалған күн
cli-quota-national = Қазақстан (барлығы)
cli-col-quota = Квота
cli-col-used = Енгізілді
cli-col-remaining = Қалды
cli-quota-set = { $region }: { $year } жылғы квота { $from } бастап { $people } адам.
cli-quota-included = { $regno } отбасы { $year } жылғы квотаға енгізілді ({ $region }): { $people } адам.
cli-quota-title = { $year } жылғы өңірлік квота ({ $on } күнгі жағдай):
cli-plan-head = Отбасы басшысы
cli-plan-left = { $on } кетті
cli-plan-stay-days = жоспарлы аяқталуына { $days } күн қалды
cli-plan-stay = Орталықта тұруы
cli-plan-open = Орындалмаған тармақтар
cli-plan-open-count = орындалмаған: { $open }, мерзімі өткен: { $overdue }
cli-plan-overdue = мерзімі өтті
cli-service-recorded = Қызмет жазылды: { $kind }, { $on }.
cli-service-summary = { $month } айындағы қызметтер: { $total }. Қызмет алған отбасылар: { $families }; орындалған жоспар тармақтары: { $done }; орталықтағы отбасылар: { $staying }; орталықтан кеткен отбасылар: { $left }.
cli-col-count = Саны
cli-col-label = Атауы
cli-import-dry-run = { $file } файлын сынап көру: { $rows } жол оқылды. { $families } отбасы ({ $persons } адам) құрылар еді; { $skipped } отбасы бұрын тіркелген; { $refused } жол қабылданбайды ({ $refused_families } отбасы). Ештеңе өзгертілген жоқ.
cli-import-done = { $file } импортталды: { $rows } жол оқылды. { $families } отбасы ({ $persons } адам) құрылды; { $skipped } отбасы бұрын тіркелген; { $refused } жол қабылданбады ({ $refused_families } отбасы).
cli-import-field = Өріс
cli-import-column = Баған
cli-import-family-key = Отбасы нөмірі
cli-import-default = әдепкі мәні
cli-import-rows = Жолдар
cli-import-members = Мүшелері
cli-import-skipped = Бұрын тіркелгендер (өткізіп жіберілді):
cli-import-refused = Қабылданбаған жолдар:
cli-import-row = Жол
cli-import-reason = Себебі

## Мәндер

status_state-no_status = Мәртебесі жоқ
status_state-applied = Өтініш берілді
status_state-recommended = Комиссия ұсынымы бар
status_state-refused = Бас тартылды
status_state-granted = Берілді
status_state-extended = Ұзартылды
status_state-expired = Мерзімі өтті
status_state-ended_by_citizenship = Тоқтатылды: азаматтық алды
status_state-ended = Тоқтатылды
recommendation-recommended = ұсынылды
recommendation-not_recommended = ұсынылмады
decision-granted = берілді
decision-refused = бас тартылды
end_reason-citizenship = Қазақстан азаматтығын алды
end_reason-left_country = Қазақстаннан кетті
end_reason-death = қайтыс болды
end_reason-other = басқа себеп
plan_area-arrival_transport = Келу және көлік
plan_area-family_composition = Отбасы құрамы
plan_area-financial_help = Материалдық көмек
plan_area-employment_training = Жұмысқа орналасу және оқу
plan_area-housing = Тұрғын үй іздеу
plan_area-language_courses = Тіл курстары
plan_area-legal = Құқықтық қызметтер
plan_area-medical = Медициналық қызметтер
plan_area-social = Әлеуметтік қызметтер
plan_area-educational = Білім беру қызметтері
plan_state-planned = Жоспарланды
plan_state-in_progress = Орындалуда
plan_state-done = Орындалды
plan_state-cancelled = Тоқтатылды
service_category-information = Ақпараттық қызметтер
service_category-legal = Құқықтық қызметтер
service_category-social = Әлеуметтік қызметтер
service_category-medical = Медициналық қызметтер
service_category-educational = Білім беру қызметтері
service_kind-information_consultation = Құқықтар, міндеттер және қоныс аудару туралы ақпарат
service_kind-labour_market_information = Өңірдегі бос жұмыс орындары туралы ақпарат
service_kind-settlement_information = Тұрғын үй және елді мекендер туралы ақпарат
service_kind-arrival_meeting = Келген кезде қарсы алу және көлік
service_kind-legal_consultation = Заң кеңесі
service_kind-status_application_help = Қандас мәртебесіне өтініш беруге көмек
service_kind-quota_application_help = Квотаға енгізу туралы өтініш беруге көмек
service_kind-residence_permit_help = Тұруға ықтиярхат алуға көмек
service_kind-citizenship_help = Азаматтыққа өтініш беруге көмек
service_kind-documents_help = Құжаттарға көмек (ЖСН, тіркеу, аударма)
service_kind-temporary_accommodation = Орталықта уақытша тұру
service_kind-housing_search_help = Тұрғын үй іздеуге көмек
service_kind-employment_help = Жұмысқа орналасуға жәрдемдесу
service_kind-benefits_help = Субсидиялар мен жәрдемақыларды ресімдеуге көмек
service_kind-social_consultation = Әлеуметтік кеңес
service_kind-psychological_support = Психологиялық қолдау
service_kind-polyclinic_attachment = Емханаға тіркеу
service_kind-medical_examination = Медициналық тексеру
service_kind-medical_referral = Алғашқы медициналық көмек және жолдама
service_kind-kazakh_language_course = Қазақ тілі курсы
service_kind-russian_language_course = Орыс тілі курсы
service_kind-script_course = Қазақ жазуы курсы
service_kind-vocational_training = Кәсіптік оқыту
service_kind-school_placement = Мектептен немесе балабақшадан орын
service_kind-culture_course = Қазақстанның тарихы, мәдениеті, салт-дәстүрі және заңдары

## Өрістердің атаулары

field-applied_on = Өтініш берілген күн
field-recommended_on = Ұсыным берілген күн
field-recommendation = Комиссия ұсынымы
field-decided_on = Шешім күні
field-decision = Шешім
field-refusal_reason = Бас тарту себебі
field-extended_on = Ұзартылған күн
field-extension_months = Ұзарту мерзімі
field-ended_on = Тоқтатылған күн
field-end_reason = Тоқтату себебі
field-valid_until = Жарамдылық мерзімі
field-regno = Тіркеу нөмірі
field-people = Адам саны
field-year = Жыл
field-effective_from = Күшіне енген күн
field-note = Ескертпе
field-area = Жоспар бөлімі
field-description = Не істеу керек
field-responsible = Жауапты
field-due_date = Орындау мерзімі
field-state = Күйі
field-done_on = Орындалған күн
field-number = Тармақ нөмірі
field-given_on = Көрсетілген күн
field-person = Қызмет алушы
field-given_by = Кім көрсетті
field-plan_item = Жоспар тармағы
field-kind = Қызмет түрі
field-started_on = Орталыққа келген күн
field-planned_end = Жоспарлы аяқталу күні
field-stay_months = Тұру мерзімі
field-month = Ай
field-within = Кезең
field-mapping = Сәйкестендіру файлы
field-file = Файл
field-on = Күні
