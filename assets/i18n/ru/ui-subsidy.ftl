# Otau desktop UI — subsidies and the payment ledger — Russian.
# Every id here must also exist in ../kk/ui-subsidy.ftl and ../en/ui-subsidy.ftl.

## Navigation

ui-subsidy-nav-payments = Выплаты
ui-subsidy-nav-reference = Справочники

## Person card panel

ui-subsidy-panel-title = Субсидии
ui-subsidy-panel-count = { $count ->
    [0] решений нет
    [one] { $count } решение
    [few] { $count } решения
   *[other] { $count } решений
}
ui-subsidy-panel-none = Семье ещё не назначались субсидии.
ui-subsidy-panel-open = Субсидии семьи

## Family subsidy screen

ui-subsidy-title = Субсидии семьи
ui-subsidy-prepare = Подготовить субсидию
ui-subsidy-prepare-note = Сначала проверьте: будут показаны право и выплаты, затем сохраните.
ui-subsidy-kind = Вид субсидии
ui-subsidy-decided-on = Дата решения
ui-subsidy-first-due = Дата первой выплаты
ui-subsidy-first-due-hint = Если пусто — дата решения
ui-subsidy-settlement-type = Тип населённого пункта
ui-subsidy-housing-cost = Стоимость жилья, ₸
ui-subsidy-note = Примечание
ui-subsidy-check = Проверить
ui-subsidy-save = Сохранить
ui-subsidy-eligible = Семья имеет право. Правило: { $rule }
ui-subsidy-not-eligible = Субсидию назначить нельзя:
ui-subsidy-preview-needs = Заполните поля, которые требует правило, чтобы рассчитать выплаты.
ui-subsidy-prepared = Решение { $number } подготовлено и ждёт утверждения руководителем.
ui-subsidy-total = Итого
ui-subsidy-decision-meta = { $date } · { $members } чел. · { $rule } · подготовил(а) { $by }
ui-subsidy-mci-from = с { $date }
ui-subsidy-mci-value = 1 МРП = { $value }
ui-subsidy-approved-by = утвердил(а) { $login }
ui-subsidy-paid-by-order = платёжное поручение № { $order } от { $date }
ui-subsidy-approve = Утвердить
ui-subsidy-approved = { $number } утверждено.
ui-subsidy-pay = Отметить оплату
ui-subsidy-pay-save = Записать оплату
ui-subsidy-paid-done = Оплата по { $number } записана.
ui-subsidy-order = Номер платёжного поручения
ui-subsidy-paid-on = Дата оплаты
ui-subsidy-paid-on-order = Оплачено · приказ
ui-subsidy-reverse = Сторнировать
ui-subsidy-reverse-save = Записать сторно
ui-subsidy-reversed = Неоплаченные выплаты по { $number } сторнированы.
ui-subsidy-reason = Причина
ui-subsidy-move-away = Выезд из региона
ui-subsidy-move-away-save = Записать выезд
ui-subsidy-moved-on = Дата выезда
ui-subsidy-moved-away-on = Семья выехала из региона { $date }
ui-subsidy-moved-away-done = Выезд записан.
ui-subsidy-ledger = Книга выплат
ui-subsidy-ledger-note = Записи не меняются: исправление — сторно и новое решение
ui-subsidy-totals = Итоги
ui-subsidy-accrued = Начислено
ui-subsidy-reversed-total = Сторнировано
ui-subsidy-net = Нетто
ui-subsidy-awaiting = Ждёт утверждения
ui-subsidy-approved-unpaid = Утверждено, не оплачено
ui-subsidy-paid = Оплачено
ui-subsidy-reconciles = Суммы сходятся с книгой
ui-subsidy-not-reconciled = Суммы не сходятся с книгой
ui-subsidy-cases = Дела о возврате
ui-subsidy-case = { $decision }: к возврату { $amount }, срок до { $date }
ui-subsidy-date-placeholder = ДД.ММ.ГГГГ

## Columns

ui-subsidy-col-due = Срок
ui-subsidy-col-mci-row = МРП
ui-subsidy-col-mci = Кол-во МРП
ui-subsidy-in-mci = { $mci } МРП
ui-subsidy-col-amount = Сумма
ui-subsidy-col-state = Состояние
ui-subsidy-col-explanation = Расчёт
ui-subsidy-col-when = Когда
ui-subsidy-col-decision = Решение
ui-subsidy-col-decision-family = Решение · семья
ui-subsidy-col-entry = Запись
ui-subsidy-col-by = Кто
ui-subsidy-col-detail = Подробности
ui-subsidy-col-family = Семья
ui-subsidy-col-old = Было
ui-subsidy-col-new = Станет
ui-subsidy-col-difference = Разница

## Payments screen

ui-subsidy-payments-title = Выплаты
ui-subsidy-payments-note = Утверждение, оплата и итоги по всем субсидиям центра
ui-subsidy-month = Месяц
ui-subsidy-from = С
ui-subsidy-to = По
ui-subsidy-show = Показать
ui-subsidy-awaiting-title = Ждут утверждения
ui-subsidy-awaiting-none = Нет выплат, ждущих утверждения.
ui-subsidy-count-total = { $count } · { $total }
ui-subsidy-due-title = К выплате в { $month }
ui-subsidy-due-sums = Всего { $total } · утверждено { $approved } · ждёт { $awaiting }
ui-subsidy-due-none = В этом месяце выплат нет.
ui-subsidy-paid-title = Оплачено с { $from } по { $to }
ui-subsidy-paid-none = В этом периоде оплат не было.
ui-subsidy-paid-in-period = Оплачено в периоде
ui-subsidy-all-kinds = Все виды
ui-subsidy-recalc-title = Предложения пересчёта
ui-subsidy-recalc-sum = { $count } предл. · разница { $total }
ui-subsidy-recalc-none = Предложений пересчёта нет.
ui-subsidy-recalc-approve-all = Утвердить все
ui-subsidy-recalc-applied = Пересчёт применён.
ui-subsidy-recalc-open = Открыть предложения пересчёта
ui-subsidy-month-placeholder = ГГГГ-ММ
ui-subsidy-period-totals = Итоги за { $from } – { $to }

## Reference data screen

ui-subsidy-reference-title = Справочники
ui-subsidy-reference-note = Таблица МРП и правила субсидий: изменение предлагает пересчёт неоплаченных выплат
ui-subsidy-mci-title = Месячный расчётный показатель (МРП)
ui-subsidy-mci-from-col = Действует с
ui-subsidy-mci-purpose = Назначение
ui-subsidy-mci-tenge = 1 МРП, ₸
ui-subsidy-mci-add = Добавить строку
ui-subsidy-mci-added = Строка МРП добавлена. Предложений пересчёта: { $count }.
ui-subsidy-purpose-social = Пособия и социальные выплаты
ui-subsidy-purpose-fines = Штрафы, налоги и прочее
ui-subsidy-rules-title = Правила субсидий
ui-subsidy-rule = Правило
ui-subsidy-rule-valid = Действует
ui-subsidy-rule-terms = Размер
ui-subsidy-rule-decisions = Решений
ui-subsidy-rule-amount = { $mci } МРП
ui-subsidy-rule-share = { $percent }% стоимости, не более { $cap } МРП
ui-subsidy-rule-months = { $months } мес.
ui-subsidy-rule-json = Новая версия правила (JSON)
ui-subsidy-rule-json-hint = Одно правило или {"{"}"rules": [...]{"}"}: каждое добавляется следующей версией своего идентификатора.
ui-subsidy-rule-add = Добавить правило
ui-subsidy-rule-added = Правило добавлено. Предложений пересчёта: { $count }.
