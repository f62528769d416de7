# Қойма қателерінің хабарлары.
store-database = Дерекқор қатесі: { $detail }. Ештеңе сақталған жоқ; қайталап көріңіз, қате қайталанса, әкімшіге хабарласыңыз.
store-migration = Дерекқорды жаңарту мүмкін болмады: { $detail }.
store-schema-too-new = Бұл дерекқор Otau-дың жаңарақ нұсқасында жасалған (сызба { $found }; бұл нұсқа { $supported } дейін біледі). Ашпас бұрын Otau-ды жаңартыңыз.
store-not-initialised = Бұл дерекқорда әлі кеңсе жоқ. Оны құрыңыз: otau init --office КОД --office-name АТАУЫ --region KZ-NN
store-already-initialised = Бұл дерекқор { $office } кеңсесіне тиесілі.
store-invalid = Түзетуді қажет ететін өрістер саны: { $count }.
store-duplicates = Бұрын тіркелген адамдармен сәйкестік табылды ({ $count }). Сақтамас бұрын тексеріңіз.
store-iin-taken = { $iin } ЖСН-і { $regno } нөмірімен тіркелген. Адамды қайта тіркемей, сол жазбаны ашыңыз.
store-not-found = Табылмады: { $what }, нөмірі { $key }. Нөмірді тексеріңіз.
store-bad-credentials = Логин немесе құпиясөз қате.
store-forbidden =
    Сіздің рөліңіз ({ $role }) мына әрекетке рұқсат бермейді: { $action ->
        [read] деректерді қарау
        [register-family] отбасын тіркеу
        [edit-registry] тізілімді түзету
        [manage-users] пайдаланушыларды басқару
        [manage-reference] анықтамалық деректерді өзгерту
        [issue-document] құжат беру
        [void-document] құжаттың күшін жою
        [close-month] айды жабу
        [prepare-subsidy] субсидия дайындау
        [approve-payment] төлемді бекіту
        [record-payment] төлемді жазу
        [reverse-payment] төлемді кері қайтару
       *[other] { $action }
    }. Тиісті рөлі бар пайдаланушыға жүгініңіз.
store-login-taken = { $login } логині бос емес: басқасын таңдаңыз.
store-version-conflict = Сіз өңдеп жатқанда бұл жазбаны басқа біреу өзгертті. Жазбаны қайта ашып, өзгерісті қайта енгізіңіз.
store-sequence-exhausted = { $year } жылғы барлық тіркеу нөмірлері пайдаланылды.
store-password = Құпиясөзді өңдеу мүмкін болмады: { $detail }.
store-corrupt = Сақталған деректер бүлінген: { $detail }. Әкімшіге хабарласыңыз.
store-unknown-role = Белгісіз рөл «{ $value }»: clerk, manager немесе admin деп көрсетіңіз.
store-bad-login = Логин 2–32 таңбадан тұрады: латын әріптері, цифрлар, нүкте, сызықша немесе астыңғы сызық.
store-short-password = Құпиясөз кемінде { $min } таңбадан тұруы керек.
store-unknown-region = Белгісіз өңір «{ $value }»: кодын көрсетіңіз, мысалы KZ-55.
store-required = Бұл өріс міндетті.
