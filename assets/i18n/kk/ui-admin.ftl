# Otau жұмыс орны — әкімшілік: басты беттегі сақтық көшірме панелі және әкімшілерге арналған
# пайдаланушылар экраны (қазақша). Әр id ../ru және ../en файлдарында да бар.

## Пайдаланушылар экранының кодтары (otau-api)
desk-passwords-differ = Екі құпиясөз бірдей емес: бір құпиясөзді екі рет теріңіз.
desk-current-password-wrong = Бұл сіздің қазіргі құпиясөзіңіз емес: кірген құпиясөзіңізді теріңіз.

## Сақтық көшірме панелі
ui-backup-title = Сақтық көшірме
ui-backup-now = Қазір көшірме жасау
ui-backup-running = Көшірме жазылып, тексерілуде…
ui-backup-copying = Дерекқор көшірілуде: { $percent }%
ui-backup-checking = Көшірме ашылып тексерілуде…
ui-backup-last = Соңғы көшірме: { $when }, { $size }, ашып тексерілген.
ui-backup-none = Әзірге көшірме жоқ. Көшірмелер { $folder } қалтасына сақталады.
ui-backup-due = Соңғы көшірмеге бір тәуліктен асты: жаңасы пайдаланушы кірген кезде жазылады, немесе «Қазір көшірме жасау» түймесін басыңыз.
ui-backup-failed = Сақтық көшірме жазылмады: { $reason } Дискіде орын бар екенін және { $folder } қалтасына жазуға болатынын тексеріп, «Қазір көшірме жасау» түймесін басыңыз (немесе басшыдан не әкімшіден сұраңыз).

## Пайдаланушылар экраны
ui-users-nav = Пайдаланушылар
ui-users-title = Пайдаланушылар
ui-users-note = Бұл кеңсеге кім және қандай рөлмен кіре алады; құпиясөздер осы компьютерде орнатылады.
ui-users-list = Кеңсе пайдаланушылары
ui-users-login = Логин
ui-users-full-name = Аты-жөні
ui-users-role = Рөлі
ui-users-state = Кіру
ui-users-active = Рұқсат
ui-users-inactive = Өшірілген
ui-users-last-sign-in = Соңғы кіру
ui-users-locked-until = Бұғатталған уақыты
ui-users-set-password = Құпиясөз орнату
ui-users-deactivate = Өшіру
ui-users-activate = Қосу
ui-users-temporary-password = Уақытша құпиясөз
ui-users-password = Құпиясөз
ui-users-password-again = Құпиясөз қайтадан
ui-users-password-rule = Кемінде 8 таңба: бір-бірімен байланыссыз бірнеше сөз немесе аралас әріптер, сандар және белгілер; логин де, есім де емес.
ui-users-save-password = Құпиясөзді сақтау
ui-users-cancel = Болдырмау
ui-users-add = Пайдаланушы қосу
ui-users-add-save = Қосу
ui-users-added = { $login } пайдаланушысы қосылды.
ui-users-password-set = { $login } үшін уақытша құпиясөз орнатылды: оны хабарлап, ауыстыруды сұраңыз.
ui-users-deactivated = { $login } өшірілді, енді кіре алмайды.
ui-users-activated = { $login } қайтадан кіре алады.
ui-users-log = Кіру журналы
ui-users-log-none = Әзірге кіру әрекеттері болмады.
ui-users-when = Қашан
ui-users-outcome = Нәтиже
ui-users-outcome-success = Кірді
ui-users-outcome-failure = Логин немесе құпиясөз қате
ui-users-outcome-locked = Бас тартылды: қателерден кейін бұғатталған
ui-users-outcome-inactive = Бас тартылды: өшірілген

## Өз құпиясөзі (жоғарғы жолақтағы кілт батырмасы және әкімші қойған құпиясөзден кейінгі ескерту)
ui-own-password = Менің құпиясөзім
ui-own-password-title = Өз құпиясөзіңізді қойыңыз
ui-own-password-note = Құпиясөзіңізді тек сіз білуіңіз керек. Қазіргі құпиясөзіңізді қойған адам сіз өз құпиясөзіңізді қойғанша сіз дайындағанды бекіте алмайды.
ui-own-password-due = Құпиясөзіңізді әкімші қойған. Тек өзіңіз білетін құпиясөз қойыңыз: оған дейін сіз дайындаған төлемдерді ол емес, басқа басшы бекітеді.
ui-own-password-choose = Құпиясөзімді қою
ui-own-password-current = Қазіргі құпиясөз
ui-own-password-new = Жаңа құпиясөз
ui-own-password-again = Жаңа құпиясөз тағы бір рет
ui-own-password-save = Құпиясөзімді сақтау
ui-own-password-cancel = Бас тарту
ui-own-password-saved = Құпиясөзіңіз өзгертілді; енді оны тек сіз білесіз.

## Кестені импорттау
desk-import-no-file = Импортқа ашылған кесте жоқ: файлды қайта таңдаңыз.
desk-import-busy = Тексеру не импорт жүріп жатыр: аяқталуын күтіңіз не тоқтатыңыз.
desk-import-not-received = Файл толық келмеді: оны қайта таңдаңыз.
desk-import-nothing-refused = Соңғы тексеруде қабылданбаған жол жоқ: сақтайтын ештеңе жоқ.
desk-import-no-folder = Қабылданбаған жолдарды сақтайтын құжаттар қалтасы белгіленбеген: оны кеңсе баптауларында белгілеңіз.
