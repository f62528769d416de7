# Otau desktop UI — documents: the card's documents panel, the register, checking a QR code and
# the monthly summary (Kazakh). Every id here also exists in ../ru and ../en.

ui-documents-nav = Құжаттар
ui-documents-nav-summary = Айлық есеп

## The documents panel of a person card

ui-documents-panel = Құжаттар
ui-documents-issue-certificate = Тіркеу туралы анықтама
ui-documents-issue-statement = Төлемдер туралы үзінді
ui-documents-issue-decision = Шешімді басып шығару
ui-documents-decisions = Субсидия туралы шешімдер
ui-documents-no-decisions = Отбасына субсидия туралы шешім әлі шығарылмаған.
ui-documents-issued = Берілген құжаттар
ui-documents-none = Бұл отбасына әлі құжат берілмеген.
ui-documents-reprint = Қайта басу
ui-documents-reprint-hint = Түпнұсқамен бірдей, «ТЕЛНҰСҚА» белгісімен басылады.
ui-documents-working = Дайындалуда…

## Saved file

ui-documents-saved = { $kind } { $number } сақталды
ui-documents-saved-duplicate = { $kind } { $number } телнұсқасы сақталды
ui-documents-open = Ашу
ui-documents-print = Басып шығару
ui-documents-print-hint = Жүйенің басып шығару терезесін ашады
ui-documents-printing = Дайындалуда…
ui-documents-open-hint = Құжатты басып шығару үшін жүйенің қарау бағдарламасында ашады.
ui-documents-folder = Құжаттар қалтасы: { $path }

## Statuses

ui-documents-status-issued = Берілді
ui-documents-status-duplicate = Телнұсқа
ui-documents-status-voided = Күші жойылды
ui-documents-voided-on = { $date } күші жойылды ({ $who }): { $reason }

## The register

ui-documents-title = Құжаттар тізілімі
ui-documents-subtitle = Кеңсе берген барлық құжат: нөмірі, түрі, кімге және кім берді.
ui-documents-search = Нөмір, түр, аты-жөні немесе берген адам бойынша іздеу
ui-documents-found = { $count ->
        [0] Ештеңе табылмады
       *[other] { $count } жол
    }
ui-documents-col-number = Нөмірі
ui-documents-col-kind = Түрі
ui-documents-col-subject = Кімге / не туралы
ui-documents-col-issued-on = Берілген күні
ui-documents-col-issued-by = Берген
ui-documents-col-status = Күйі
ui-documents-void = Күшін жою
ui-documents-void-title = { $number } құжатының күшін жою
ui-documents-void-note = Құжат тізілімде қалады, оның QR-коды енді «күші жойылған» деп көрсетеді. Мұны кері қайтаруға болмайды.
ui-documents-void-reason = Себебі
ui-documents-void-confirm = Күшін жою
ui-documents-void-done = { $number } құжатының күші жойылды.

## Checking a paper

ui-documents-verify = Құжатты тексеру
ui-documents-verify-note = Құжаттағы QR-кодты сканермен оқып, мәтінін осында қойыңыз.
ui-documents-verify-payload = QR-код мәтіні
ui-documents-verify-run = Тексеру
ui-documents-verify-valid = Жарамды
ui-documents-verify-valid-note = Құжатқа { $office } кеңсесі қол қойған, күші жойылмаған.
ui-documents-verify-tampered = Жарамсыз
ui-documents-verify-tampered-note = QR-код өзгертілген немесе жалған. Құжатты қабылдамаңыз.
ui-documents-verify-unknown_office = Белгісіз кеңсе
ui-documents-verify-unknown_office-note = Бұл дерекқорда { $office } кеңсесінің кілті жоқ. Кілтті орталықтан алыңыз.
ui-documents-verify-voided = Күші жойылған
ui-documents-verify-voided-note = Құжат шынайы, бірақ оның күші жойылған. Қабылдамаңыз.
ui-documents-verify-office = Кеңсе

## The monthly summary

ui-documents-summary-title = Айлық жиынтық есеп
ui-documents-summary-period = { $from } – { $to }
ui-documents-summary-month = Ай
ui-documents-summary-show = Көрсету
ui-documents-summary-prev = Алдыңғы ай
ui-documents-summary-next = Келесі ай
ui-documents-summary-open = Ашық
ui-documents-summary-closed = { $date } жабылды · { $who }
ui-documents-summary-closed-note = Ай жабылған: сандар бекітілген және өзгермейді.
ui-documents-summary-pdf = PDF сақтау
ui-documents-summary-xlsx = XLSX сақтау
ui-documents-summary-close = Айды жабу
ui-documents-summary-close-confirm = Иә, { $month } айын жабу
ui-documents-summary-close-note = Жабылған айдың сандары бекітіледі және ешқашан өзгермейді; кейін енгізілген жазбалар келесі ашық айға есептеледі.
ui-documents-summary-not-over = Ай аяқталғаннан кейін ғана жабылады.
ui-documents-summary-closed-done = { $month } айы жабылды.
ui-documents-summary-arrived = Келді
ui-documents-summary-registered = Тіркелді
ui-documents-summary-families = отбасы
ui-documents-summary-persons = адам
ui-documents-summary-late = Жабылған { $month } айының кеш енгізілген жазбалары: келгені { $arrived_families } отбасы / { $arrived_persons } адам, тіркелгені { $families } отбасы / { $persons } адам.
ui-documents-summary-countries = Шыққан елі бойынша
ui-documents-summary-age = Жас топтары бойынша
ui-documents-summary-education = Білімі бойынша
ui-documents-summary-statuses = Қандас мәртебесі
ui-documents-summary-quota = Өңірлік квота, { $year }
ui-documents-summary-quota-total = Квота
ui-documents-summary-quota-before = Айға дейін
ui-documents-summary-quota-month = Осы айда
ui-documents-summary-quota-left = Қалды
ui-documents-summary-subsidies = Айдағы субсидиялар
ui-documents-summary-subsidy = Субсидия
ui-documents-summary-accrued = Есептелді
ui-documents-summary-approved = Бекітілді
ui-documents-summary-paid = Төленді
ui-documents-summary-total = Барлығы
ui-documents-summary-mci = { $amount } АЕК
ui-documents-summary-not-kept = Бұл дерекқорда жүргізілмейді.
ui-documents-summary-no-subsidies = Айда субсидия жазбалары жоқ.
ui-documents-summary-none = Жоқ
ui-documents-col-country = Ел
ui-documents-col-group = Топ
ui-documents-col-families = Отбасы
ui-documents-col-persons = Адам

## Errors

ui-documents-err-no-folder = Құжаттар қалтасы белгісіз: OTAU_DOCS_DIR айнымалысын орнатыңыз.
ui-documents-err-folder = { $path } қалтасын жасау мүмкін болмады ({ $detail }): құжат тіркелмеді.
ui-documents-err-write = { $path } файлын жазу мүмкін болмады ({ $detail }): құжат тіркелмеді.
ui-documents-err-not-saved = { $path } — Otau сақтаған құжат емес.
ui-documents-err-open = { $path } файлын ашу мүмкін болмады ({ $detail }). Оны қалтадан өзіңіз ашыңыз.
ui-documents-err-not-printable = { $path } — PDF емес: оны терезеден басып шығару мүмкін емес. Файлды ашып, қарап шығатын бағдарламадан басып шығарыңыз.
ui-documents-err-reason = Күшін жою себебін жазыңыз.
ui-documents-voided-by-office = { $office } кеңсесі { $date } күшін жойған
ui-documents-verify-as-of = Орталықпен соңғы алмасу бойынша, { $at }.
