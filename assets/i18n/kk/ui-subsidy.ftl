# Otau desktop UI — subsidies and the payment ledger — Kazakh (the default language).
# Every id here must also exist in ../ru/ui-subsidy.ftl and ../en/ui-subsidy.ftl.

## Navigation

ui-subsidy-nav-payments = Төлемдер
ui-subsidy-nav-reference = Анықтамалықтар

## Person card panel

ui-subsidy-panel-title = Субсидиялар
ui-subsidy-panel-count = { $count ->
    [0] шешім жоқ
   *[other] { $count } шешім
}
ui-subsidy-panel-none = Отбасына әлі субсидия тағайындалмаған.
ui-subsidy-panel-open = Отбасының субсидиялары

## Family subsidy screen

ui-subsidy-title = Отбасының субсидиялары
ui-subsidy-prepare = Субсидия дайындау
ui-subsidy-prepare-note = Алдымен тексеріңіз: құқығы мен төлемдер көрсетіледі, содан кейін сақтаңыз.
ui-subsidy-kind = Субсидия түрі
ui-subsidy-decided-on = Шешім күні
ui-subsidy-first-due = Бірінші төлем күні
ui-subsidy-first-due-hint = Бос болса — шешім күні
ui-subsidy-settlement-type = Елді мекен түрі
ui-subsidy-housing-cost = Тұрғын үй құны, ₸
ui-subsidy-note = Ескертпе
ui-subsidy-check = Тексеру
ui-subsidy-save = Сақтау
ui-subsidy-eligible = Отбасының құқығы бар. Ереже: { $rule }
ui-subsidy-not-eligible = Субсидия тағайындауға болмайды:
ui-subsidy-preview-needs = Төлемдерді есептеу үшін ереже сұрайтын өрістерді толтырыңыз.
ui-subsidy-prepared = { $number } шешімі дайындалды: басшының бекітуін күтеді.
ui-subsidy-total = Барлығы
ui-subsidy-decision-meta = { $date } · { $members } адам · { $rule } · дайындаған { $by }
ui-subsidy-mci-from = { $date } бастап
ui-subsidy-mci-value = 1 АЕК = { $value }
ui-subsidy-approved-by = бекіткен { $login }
ui-subsidy-paid-by-order = № { $order } төлем тапсырмасы, { $date }
ui-subsidy-approve = Бекіту
ui-subsidy-approved = { $number } бекітілді.
ui-subsidy-pay = Төленді деп белгілеу
ui-subsidy-pay-save = Төлемді жазу
ui-subsidy-paid-done = { $number } бойынша төлем жазылды.
ui-subsidy-order = Төлем тапсырмасының нөмірі
ui-subsidy-paid-on = Төлем күні
ui-subsidy-paid-on-order = Төленді · бұйрық
ui-subsidy-reverse = Кері қайтару
ui-subsidy-reverse-save = Кері қайтаруды жазу
ui-subsidy-reversed = { $number } бойынша төленбеген төлемдер кері қайтарылды.
ui-subsidy-reason = Себебі
ui-subsidy-move-away = Өңірден көшіп кетті
ui-subsidy-move-away-save = Көшуді жазу
ui-subsidy-moved-on = Көшкен күні
ui-subsidy-moved-away-on = Отбасы { $date } өңірден көшіп кетті
ui-subsidy-moved-away-done = Көшу жазылды.
ui-subsidy-ledger = Төлем кітабы
ui-subsidy-ledger-note = Әр жазба өзгермейді: түзету — кері қайтару және жаңа шешім
ui-subsidy-totals = Қорытынды
ui-subsidy-accrued = Есептелді
ui-subsidy-reversed-total = Кері қайтарылды
ui-subsidy-net = Таза сома
ui-subsidy-awaiting = Бекітуді күтеді
ui-subsidy-approved-unpaid = Бекітілді, төленбеді
ui-subsidy-paid = Төленді
ui-subsidy-reconciles = Сомалар кітаппен сәйкес келеді
ui-subsidy-not-reconciled = Сомалар кітаппен сәйкес келмейді
ui-subsidy-cases = Қайтару істері
ui-subsidy-case = { $decision }: { $amount } қайтарылуы тиіс, мерзімі { $date }
ui-subsidy-date-placeholder = КК.АА.ЖЖЖЖ

## Columns

ui-subsidy-col-due = Төлем күні
ui-subsidy-col-mci-row = АЕК
ui-subsidy-col-mci = АЕК саны
ui-subsidy-in-mci = { $mci } АЕК
ui-subsidy-col-amount = Сомасы
ui-subsidy-col-state = Күйі
ui-subsidy-col-explanation = Есептеу
ui-subsidy-col-when = Уақыты
ui-subsidy-col-decision = Шешім
ui-subsidy-col-decision-family = Шешім · отбасы
ui-subsidy-col-entry = Жазба
ui-subsidy-col-by = Кім
ui-subsidy-col-detail = Толығырақ
ui-subsidy-col-family = Отбасы
ui-subsidy-col-old = Бұрынғы
ui-subsidy-col-new = Жаңа
ui-subsidy-col-difference = Айырма

## Payments screen

ui-subsidy-payments-title = Төлемдер
ui-subsidy-payments-note = Орталықтың барлық субсидиялары бойынша бекіту, төлеу және қорытынды
ui-subsidy-month = Ай
ui-subsidy-from = Кезең басы
ui-subsidy-to = Кезең соңы
ui-subsidy-show = Көрсету
ui-subsidy-awaiting-title = Бекітуді күтетін төлемдер
ui-subsidy-awaiting-none = Бекітуді күтетін төлем жоқ.
ui-subsidy-count-total = { $count } · { $total }
ui-subsidy-due-title = { $month } айында төленуі тиіс
ui-subsidy-due-sums = Барлығы { $total } · бекітілген { $approved } · күтуде { $awaiting }
ui-subsidy-due-none = Бұл айда төленуі тиіс төлем жоқ.
ui-subsidy-paid-title = { $from } – { $to } аралығында төленді
ui-subsidy-paid-none = Бұл кезеңде төлем жасалмаған.
ui-subsidy-paid-in-period = Кезеңде төленді
ui-subsidy-all-kinds = Барлық түрі
ui-subsidy-recalc-title = Қайта есептеу ұсыныстары
ui-subsidy-recalc-sum = { $count } ұсыныс · айырма { $total }
ui-subsidy-recalc-none = Қайта есептеу ұсынысы жоқ.
ui-subsidy-recalc-approve-all = Барлығын бекіту
ui-subsidy-recalc-applied = Қайта есептеу қолданылды.
ui-subsidy-recalc-open = Қайта есептеу ұсыныстарын ашу
ui-subsidy-month-placeholder = ЖЖЖЖ-АА
ui-subsidy-period-totals = { $from } – { $to } кезеңінің қорытындысы

## Reference data screen

ui-subsidy-reference-title = Анықтамалықтар
ui-subsidy-reference-note = АЕК кестесі мен субсидия ережелері: өзгерісі төленбеген төлемдерді қайта есептеуді ұсынады
ui-subsidy-mci-title = Айлық есептік көрсеткіш (АЕК)
ui-subsidy-mci-from-col = Күшіне енген күні
ui-subsidy-mci-purpose = Мақсаты
ui-subsidy-mci-tenge = 1 АЕК, ₸
ui-subsidy-mci-add = Жолды қосу
ui-subsidy-mci-added = АЕК жолы қосылды. Қайта есептеу ұсыныстары: { $count }.
ui-subsidy-purpose-social = Жәрдемақылар мен әлеуметтік төлемдер
ui-subsidy-purpose-fines = Айыппұлдар, салықтар және басқалар
ui-subsidy-rules-title = Субсидия ережелері
ui-subsidy-rule = Ереже
ui-subsidy-rule-valid = Қолданылу мерзімі
ui-subsidy-rule-terms = Мөлшері
ui-subsidy-rule-decisions = Шешімдер
ui-subsidy-rule-amount = { $mci } АЕК
ui-subsidy-rule-share = құнының { $percent }%, ең көбі { $cap } АЕК
ui-subsidy-rule-months = { $months } ай
ui-subsidy-rule-json = Ереженің жаңа нұсқасы (JSON)
ui-subsidy-rule-json-hint = Бір ереже немесе {"{"}"rules": [...]{"}"}: әрқайсысы өз идентификаторының келесі нұсқасы ретінде қосылады.
ui-subsidy-rule-add = Ережені қосу
ui-subsidy-rule-added = Ереже қосылды. Қайта есептеу ұсыныстары: { $count }.
