# Субсидии, журнал выплат, правила субсидий и перерасчёт: сообщения, названия, заголовки.

## Виды, состояния и другие значения.
subsidy_kind-relocation = Субсидия на переезд
subsidy_kind-rent = Субсидия на наём жилья и коммунальные услуги
subsidy_kind-mobility_certificate = Сертификат экономической мобильности
subsidy_kind-employer = Субсидия работодателю
instalment_state-awaiting_approval = Ожидает утверждения
instalment_state-approved = Утверждено
instalment_state-paid = Выплачено
instalment_state-cancelled = Отменено
entry_kind-accrued = Начислено
entry_kind-approved = Утверждено
entry_kind-paid = Выплачено
entry_kind-reversed = Сторнировано
settlement_type-town = Город
settlement_type-village = Село
basis-per_member = на каждого члена семьи
basis-per_family = на семью
basis-share_of_cost = доля стоимости
reimbursement_status-open = Открыто
reimbursement_status-settled = Возвращено
reimbursement_status-waived = Освобождены от возврата

## Пояснения сумм (их можно прочитать вслух).
subsidy-explain-per-member = { $members } чел. × { $mci } МРП × { $mci_tenge } = { $amount }
subsidy-explain-per-family = { $mci } МРП × { $mci_tenge } = { $amount }
subsidy-explain-tier = { $settlement ->
    [village] село
   *[town] город
}, { $members } чел.: { $mci } МРП × { $mci_tenge } = { $amount }
subsidy-explain-share = { $percent }% × { $cost } = { $share } (не более { $cap_mci } МРП × { $mci_tenge } = { $cap })
subsidy-explain-share-capped = { $percent }% × { $cost } = { $share }, больше предела: { $cap_mci } МРП × { $mci_tenge } = { $cap }
subsidy-explain-share-uncapped = { $percent }% × { $cost } = { $share }

## Отказы и ошибки.
subsidy-invalid = Сведения решения, которые нужно исправить: { $count }.
subsidy-no-rule = На { $on } нет действующего правила для вида «{ $kind ->
    [relocation] Субсидия на переезд
    [rent] Субсидия на наём жилья и коммунальные услуги
    [mobility_certificate] Сертификат экономической мобильности
    [employer] Субсидия работодателю
   *[other] { $kind }
}». Проверьте дату решения или попросите администратора добавить правило (otau rule add).
subsidy-rule-not-in-force = Правило { $rule } не применяется к решениям от { $on }.
subsidy-no-mci = На { $on } МРП не записан. Попросите администратора добавить его (otau mci add).
subsidy-overflow = Сумма слишком велика для расчёта. Проверьте введённые сведения.
subsidy-not-eligible = Семья сейчас не может получить эту субсидию. Причины ({ $count }):
subsidy-refused-not-in-quota = Семья не включена в региональную квоту. Сначала запишите решение о квоте.
subsidy-refused-quota-later = Семья включена в квоту { $included_on }, то есть после даты решения { $decided_on }. Дата решения должна быть не раньше включения в квоту.
subsidy-refused-status = Статус кандаса главы семьи не действует на { $decided_on }. Сначала запишите статус или его продление.
subsidy-refused-iin-missing = У { $name } ({ $regno }) нет ИИН. Внесите ИИН: он обязателен до любой выплаты.
subsidy-refused-already-granted = Семья уже получила «{ $kind ->
    [relocation] Субсидия на переезд
    [rent] Субсидия на наём жилья и коммунальные услуги
    [mobility_certificate] Сертификат экономической мобильности
    [employer] Субсидия работодателю
   *[other] { $kind }
}» по решению { $decision }; она предоставляется один раз.
subsidy-refused-moved-away = Семья выехала из региона { $on }.
subsidy-no-members = В семье нет ни одного члена.
subsidy-due-before-decision = Первый срок выплаты раньше даты решения ({ $decided_on }). Укажите эту дату или более позднюю.
subsidy-field-not-used = Для вида «{ $kind ->
    [relocation] Субсидия на переезд
    [rent] Субсидия на наём жилья и коммунальные услуги
    [mobility_certificate] Сертификат экономической мобильности
    [employer] Субсидия работодателю
   *[other] { $kind }
}» это сведение не используется: не указывайте его.
subsidy-settlement-type-required = Укажите, живёт семья в городе или в селе.
subsidy-housing-cost-required = Введите стоимость жилья.
subsidy-housing-cost-positive = Стоимость жилья должна быть больше нуля.
subsidy-months-range = Число месяцев должно быть от 1 до { $max }.
subsidy-decision-before-arrival = Дата решения раньше даты прибытия семьи ({ $arrival_date }).
subsidy-bad-number = «{ $value }» — не номер решения: пишите так: PVL01-S-2024-00001.
subsidy-already-moved-away = Выезд семьи { $on } уже записан.
subsidy-cli-bad-kind = Неизвестная субсидия «{ $value }»: укажите relocation, rent, mobility_certificate или employer.
subsidy-cli-bad-settlement = Неизвестный тип населённого пункта «{ $value }»: укажите town или village.
# A reason the system wrote in the ledger (kept as a code, translated here).
ledger-reason-moved-away = переезд { $on }: { $reason }
ledger-reason-recalculation = перерасчёт после изменения МРП или правила
ledger-maker-checker = { $login } сам подготовил выплату { $seq } по решению { $decision } и не может её утвердить: утвердить должен другой руководитель.
ledger-maker-checker-account = { $approver } не может утвердить выплату { $seq } по решению { $decision }: { $setter } задал(а) пароль, с которым входит { $owner }, и подготовивший и утверждающий могут быть одним человеком. Утвердить должен другой руководитель, или { $owner } сначала задаёт собственный пароль.
ledger-wrong-state = Выплата { $seq } по решению { $decision } в состоянии «{ $state ->
    [awaiting_approval] ожидает утверждения
    [approved] утверждено
    [paid] выплачено
    [cancelled] отменено
   *[other] { $state }
}»; для этого действия нужно состояние «{ $needed ->
    [awaiting_approval] ожидает утверждения
    [approved] утверждено
    [unpaid] не выплачено
   *[other] { $needed }
}».
ledger-nothing = В решении { $decision } нет выплат, которые { $needed ->
    [awaiting_approval] ожидают утверждения
    [approved] утверждены и наступили к дате платежа
    [unpaid] не выплачены
   *[other] { $needed }
}. Проверьте решение: otau subsidy show { $decision }
ledger-paid-final = Выплата { $seq } по решению { $decision } произведена и больше не меняется. Если деньги нужно вернуть, это дело о возврате.
ledger-no-instalment = В решении { $decision } нет выплаты { $seq }.
ledger-paid-before-decision = Дата платежа раньше даты решения ({ $decided_on }).
ledger-bad-month = «{ $value }» — не месяц: пишите в виде ГГГГ-ММ.
ledger-period-order = Конец периода раньше его начала ({ $from }).
recalc-not-proposed = Для выплаты { $seq } по решению { $decision } перерасчёт не предложен: смотрите otau recalc list.
recalc-bad-ref = «{ $value }» — не выплата: пишите РЕШЕНИЕ/N, например PVL01-S-2026-00001/3.
rule-version-next = Следующая версия правила { $id } — { $next }: укажите эту версию или не указывайте версию вовсе.
rule-json = Правила не читаются: { $detail }. Формат смотрите в assets/reference/subsidy_rules.json.
rule-bad-id = Идентификатор правила «{ $id }» недопустим: используйте строчные латинские буквы, цифры и дефис (например, rent-2027).
rule-bad-version = Правило { $id }: версии начинаются с 1.
rule-ends-before-start = Правило { $id } заканчивается ({ $valid_to }) раньше, чем начинается ({ $valid_from }).
rule-amount-or-tiers = В правиле { $id } должно быть ровно одно из полей amount_mci и tiers (tiers — только в правиле на семью).
rule-field-not-for-basis = Правило { $id }: правило { $basis ->
    [per_member] на каждого члена семьи
    [per_family] на семью
   *[share_of_cost] с долей стоимости
} не использует поле { $field }; уберите его.
rule-non-positive = Правило { $id }: { $field } должно быть больше нуля.
rule-percent = Правило { $id }: процент должен быть от 1 до 100.
rule-months = Правило { $id }: { $field } должно быть от 1 до { $max }.
rule-tiers = Правило { $id }: семье из { $members } чел. { $settlement ->
    [village] в селе
   *[town] в городе
} соответствует ступеней: { $found }; каждому размеру семьи должна соответствовать ровно одна ступень.
rule-duplicate-version = Версия { $version } правила { $id } указана дважды.
rule-kind-changed = Правило { $id } относится к виду «{ $was ->
    [relocation] Субсидия на переезд
    [rent] Субсидия на наём жилья и коммунальные услуги
    [mobility_certificate] Сертификат экономической мобильности
    [employer] Субсидия работодателю
   *[other] { $was }
}»; новая версия не может это изменить. Дайте новому правилу новый идентификатор.
rule-overlap = Правила { $first } и { $second } для вида «{ $kind ->
    [relocation] Субсидия на переезд
    [rent] Субсидия на наём жилья и коммунальные услуги
    [mobility_certificate] Сертификат экономической мобильности
    [employer] Субсидия работодателю
   *[other] { $kind }
}» оба действуют с { $on }. Сначала завершите прежнее правило (новой версией с valid_to).

## Командная строка.
subsidy-cli-decision = Решение { $number }: «{ $kind ->
    [relocation] Субсидия на переезд
    [rent] Субсидия на наём жилья и коммунальные услуги
    [mobility_certificate] Сертификат экономической мобильности
    [employer] Субсидия работодателю
   *[other] { $kind }
}», семья { $regno }
subsidy-cli-basis = Правило { $rule }, версия { $version }; дата решения { $decided_on }; членов семьи: { $members }
subsidy-cli-total = Итого: { $amount }
subsidy-cli-approved = Утверждено: выплаты по решению { $number } ({ $seqs }).
subsidy-cli-paid = Записано платёжное поручение { $order } от { $paid_on }: выплаты по решению { $number } ({ $seqs }).
subsidy-cli-reversed = Сторнировано: выплаты по решению { $number } ({ $seqs }).
subsidy-cli-moved-away = Семья { $regno } выехала { $on }. Отменено выплат: { $cancelled }; открыто дел о возврате: { $cases }.
subsidy-cli-case = К возврату: { $amount } по решению { $decision } (срок истекает { $term_ends_on }).
subsidy-cli-eligible = Семья может получить эту субсидию по правилу { $rule }.
ledger-cli-statement = Семья { $regno }, { $name }
ledger-cli-due = К выплате в { $month }: выплат { $count }, { $total } (утверждено { $approved }, ожидает утверждения { $awaiting }).
ledger-cli-awaiting = Ожидают утверждения: выплат { $count }, { $total }.
ledger-cli-paid = Выплачено с { $from } по { $to }: платежей { $count }, { $total }.
ledger-cli-totals = Выплаты со сроком с { $from } по { $to }; выплачено за период: { $paid }.
ledger-cli-reconciles = Итоги сходятся с журналом выплат.
ledger-cli-not-reconciled = Итоги не сходятся с журналом выплат: сообщите администратору.
ledger-cli-rebuilt = Строки журнала выплат перестроены по записям: { $count }.
ledger-cli-all-kinds = Все субсидии
ledger-cli-departure = Выехала { $on }: { $reason }
mci-cli-added = МРП с { $from }: { $tenge }.
mci-cli-recalc = Невыплаченных выплат, которые изменятся: { $count }. Смотрите otau recalc list.
rule-cli-added = Добавлена версия { $version } правила { $id }.
rule-cli-loaded = Загружено поставляемых правил: { $count }.
recalc-cli-none = Перерасчёт не предложен.
recalc-cli-applied = Пересчитано выплат: { $count }.
recalc-cli-blocked = { $decision }/{ $seq } нельзя пересчитать: { $reason }
subsidy-col-seq = №
subsidy-col-due = Срок
subsidy-col-mci = МРП
subsidy-col-amount = Сумма
subsidy-col-state = Состояние
subsidy-col-explanation = Пояснение
subsidy-col-decision = Решение
subsidy-col-family = Семья
subsidy-col-kind = Субсидия
subsidy-col-entry = Запись
subsidy-col-by = Кто
subsidy-col-order = Платёжное поручение
subsidy-col-paid-on = Дата выплаты
subsidy-col-old = Было
subsidy-col-new = Станет
subsidy-col-difference = Разница
subsidy-col-rule = Правило
subsidy-col-version = Версия
subsidy-col-valid = Действует
subsidy-col-terms = Условия
subsidy-col-decisions = Решений
subsidy-col-current = Текущая
ledger-col-accrued = Начислено
ledger-col-reversed = Сторнировано
ledger-col-net = Начислено за вычетом сторно
ledger-col-awaiting = Ожидает утверждения
ledger-col-approved = Утверждено, не выплачено
ledger-col-paid = Выплачено
ledger-col-paid-in-period = Выплачено за период

## Названия полей.
field-subsidy-quota = Региональная квота
field-subsidy-status = Статус кандаса
field-subsidy-kind = Субсидия
field-subsidy-moved_away = Выезд из региона
field-subsidy-members = Члены семьи
field-subsidy-decided_on = Дата решения
field-subsidy-first_due_on = Первый срок выплаты
field-subsidy-settlement_type = Город или село
field-subsidy-housing_cost = Стоимость жилья
field-subsidy-months = Число месяцев
field-subsidy-reason = Причина
field-subsidy-moved_on = Дата выезда
field-subsidy-instalment = Выплата
field-subsidy-family = Семья
field-ledger-order_number = Номер платёжного поручения
field-ledger-paid_on = Дата платежа
field-ledger-reason = Причина
field-ledger-month = Месяц
field-ledger-from = Начало периода
field-ledger-to = Конец периода
field-mci-effective_from = Действует с
field-mci-tenge = МРП в тенге
field-mci-purpose = Назначение
field-mci-reason = Причина
field-rule-file = Файл правил
field-rule-version = Версия правила
field-recalc-instalment = Выплата
