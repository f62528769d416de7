# Субсидиялар, төлемдер журналы, субсидия ережелері және қайта есептеу: хабарлар, атаулар, тақырыптар.

## Түрлер, күйлер және басқа мәндер.
subsidy_kind-relocation = Көшуге арналған субсидия
subsidy_kind-rent = Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
subsidy_kind-mobility_certificate = Экономикалық ұтқырлық сертификаты
subsidy_kind-employer = Жұмыс берушіге субсидия
instalment_state-awaiting_approval = Бекітуді күтуде
instalment_state-approved = Бекітілді
instalment_state-paid = Төленді
instalment_state-cancelled = Күші жойылды
entry_kind-accrued = Есептелді
entry_kind-approved = Бекітілді
entry_kind-paid = Төленді
entry_kind-reversed = Кері қайтарылды
settlement_type-town = Қала
settlement_type-village = Ауыл
basis-per_member = отбасының әр мүшесіне
basis-per_family = отбасына
basis-share_of_cost = құнының үлесі
reimbursement_status-open = Ашық
reimbursement_status-settled = Қайтарылды
reimbursement_status-waived = Қайтарудан босатылды

## Сомалардың түсіндірмесі (дауыстап оқуға болады).
subsidy-explain-per-member = { $members } адам × { $mci } АЕК × { $mci_tenge } = { $amount }
subsidy-explain-per-family = { $mci } АЕК × { $mci_tenge } = { $amount }
subsidy-explain-tier = { $settlement ->
    [village] ауыл
   *[town] қала
}, { $members } адам: { $mci } АЕК × { $mci_tenge } = { $amount }
subsidy-explain-share = { $percent }% × { $cost } = { $share } (ең көбі { $cap_mci } АЕК × { $mci_tenge } = { $cap })
subsidy-explain-share-capped = { $percent }% × { $cost } = { $share }, бұл шектен асады: { $cap_mci } АЕК × { $mci_tenge } = { $cap }
subsidy-explain-share-uncapped = { $percent }% × { $cost } = { $share }

## Бас тартулар мен қателер.
subsidy-invalid = Шешімнің түзетуді қажет ететін мәліметтері: { $count }.
subsidy-no-rule = { $on } күні «{ $kind ->
    [relocation] Көшуге арналған субсидия
    [rent] Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
    [mobility_certificate] Экономикалық ұтқырлық сертификаты
    [employer] Жұмыс берушіге субсидия
   *[other] { $kind }
}» үшін күшіндегі ереже жоқ. Шешім күнін тексеріңіз немесе әкімшіден ережені қосуды сұраңыз (otau rule add).
subsidy-rule-not-in-force = { $rule } ережесі { $on } күнгі шешімдерге қолданылмайды.
subsidy-no-mci = { $on } күнге АЕК мәні жазылмаған. Әкімшіден оны қосуды сұраңыз (otau mci add).
subsidy-overflow = Сома есептеу үшін тым үлкен. Енгізілген мәліметтерді тексеріңіз.
subsidy-not-eligible = Отбасы бұл субсидияны қазір ала алмайды. Себептері ({ $count }):
subsidy-refused-not-in-quota = Отбасы өңірлік квотаға енгізілмеген. Алдымен квота туралы шешімді жазыңыз.
subsidy-refused-quota-later = Отбасы квотаға { $included_on } күні, яғни шешім күнінен ({ $decided_on }) кейін енгізілген. Шешім күні квотаға енгізілген күн немесе одан кейінгі күн болуы керек.
subsidy-refused-status = Отбасы басшысының қандас мәртебесі { $decided_on } күні күшінде емес. Алдымен мәртебені немесе оның ұзартылуын жазыңыз.
subsidy-refused-iin-missing = { $name } ({ $regno }) ЖСН-і жоқ. ЖСН-ді енгізіңіз: ол кез келген төлемнің алдында міндетті.
subsidy-refused-already-granted = Отбасына «{ $kind ->
    [relocation] Көшуге арналған субсидия
    [rent] Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
    [mobility_certificate] Экономикалық ұтқырлық сертификаты
    [employer] Жұмыс берушіге субсидия
   *[other] { $kind }
}» { $decision } шешімімен берілген; ол бір рет қана беріледі.
subsidy-refused-moved-away = Отбасы { $on } күні өңірден көшіп кеткен.
subsidy-no-members = Отбасында бірде-бір мүше жоқ.
subsidy-due-before-decision = Бірінші төлем күні шешім күнінен ({ $decided_on }) бұрын. Сол күнді немесе одан кейінгі күнді көрсетіңіз.
subsidy-field-not-used = «{ $kind ->
    [relocation] Көшуге арналған субсидия
    [rent] Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
    [mobility_certificate] Экономикалық ұтқырлық сертификаты
    [employer] Жұмыс берушіге субсидия
   *[other] { $kind }
}» үшін бұл мәлімет қолданылмайды: оны көрсетпеңіз.
subsidy-settlement-type-required = Отбасының қалада немесе ауылда тұратынын көрсетіңіз.
subsidy-housing-cost-required = Тұрғын үйдің құнын енгізіңіз.
subsidy-housing-cost-positive = Тұрғын үйдің құны нөлден көп болуы керек.
subsidy-months-range = Ай саны 1 мен { $max } аралығында болуы керек.
subsidy-decision-before-arrival = Шешім күні отбасы келген күннен ({ $arrival_date }) бұрын.
subsidy-bad-number = «{ $value }» — шешім нөмірі емес: PVL01-S-2024-00001 түрінде жазыңыз.
subsidy-already-moved-away = Отбасының { $on } күні көшіп кеткені бұрын жазылған.
subsidy-cli-bad-kind = Белгісіз субсидия «{ $value }»: relocation, rent, mobility_certificate немесе employer деп көрсетіңіз.
subsidy-cli-bad-settlement = Елді мекеннің белгісіз түрі «{ $value }»: town немесе village деп көрсетіңіз.
# A reason the system wrote in the ledger (kept as a code, translated here).
ledger-reason-moved-away = { $on } көшіп кетті: { $reason }
ledger-reason-recalculation = АЕК немесе ереже өзгергеннен кейінгі қайта есептеу
ledger-maker-checker = { $login } { $decision } шешімінің { $seq }-төлемін өзі дайындаған, сондықтан оны бекіте алмайды: оны басқа басшы бекітуі керек.
ledger-maker-checker-account = { $approver } { $decision } шешімінің { $seq }-төлемін бекіте алмайды: { $owner } кіретін құпиясөзді { $setter } қойған, сондықтан дайындаушы мен бекітуші бір адам болуы мүмкін. Оны басқа басшы бекітуі керек немесе алдымен { $owner } өз құпиясөзін қояды.
ledger-wrong-state = { $decision } шешімінің { $seq }-төлемі «{ $state ->
    [awaiting_approval] бекітуді күтуде
    [approved] бекітілді
    [paid] төленді
    [cancelled] күші жойылды
   *[other] { $state }
}» күйінде; бұл әрекет үшін ол «{ $needed ->
    [awaiting_approval] бекітуді күтуде
    [approved] бекітілді
    [unpaid] төленбеген
   *[other] { $needed }
}» күйінде болуы керек.
ledger-nothing = { $decision } шешімінде { $needed ->
    [awaiting_approval] бекітуді күтіп тұрған
    [approved] бекітілген және мерзімі төлем күніне дейін келген
    [unpaid] төленбеген
   *[other] { $needed }
} төлем жоқ. Шешімді тексеріңіз: otau subsidy show { $decision }
ledger-paid-final = { $decision } шешімінің { $seq }-төлемі төленген, ол енді өзгермейді. Қаражатты қайтару қажет болса, бұл — қайтару ісі.
ledger-no-instalment = { $decision } шешімінде { $seq }-төлем жоқ.
ledger-paid-before-decision = Төлем күні шешім күнінен ({ $decided_on }) бұрын.
ledger-bad-month = «{ $value }» — ай емес: ЖЖЖЖ-АА түрінде жазыңыз.
ledger-period-order = Кезеңнің соңы оның басынан ({ $from }) бұрын.
recalc-not-proposed = { $decision } шешімінің { $seq }-төлемі үшін қайта есептеу ұсынылмаған: otau recalc list тізімін қараңыз.
recalc-bad-ref = «{ $value }» — төлем емес: ШЕШІМ/N түрінде жазыңыз, мысалы PVL01-S-2026-00001/3.
rule-version-next = { $id } ережесінің келесі нұсқасы — { $next }: осы нұсқаны көрсетіңіз немесе нұсқаны мүлде көрсетпеңіз.
rule-json = Ережелер оқылмады: { $detail }. Пішімін assets/reference/subsidy_rules.json файлынан қараңыз.
rule-bad-id = «{ $id }» ереже идентификаторы жарамсыз: кіші латын әріптерін, цифрларды және сызықшаны қолданыңыз (мысалы, rent-2027).
rule-bad-version = { $id } ережесі: нұсқалар 1-ден басталады.
rule-ends-before-start = { $id } ережесі басталмай ({ $valid_from }) тұрып аяқталады ({ $valid_to }).
rule-amount-or-tiers = { $id } ережесінде amount_mci мен tiers өрістерінің дәл біреуі болуы керек (tiers тек отбасына берілетін ережеде).
rule-field-not-for-basis = { $id } ережесі: { $basis ->
    [per_member] отбасының әр мүшесіне есептелетін
    [per_family] отбасына есептелетін
   *[share_of_cost] құнының үлесін төлейтін
} ереже { $field } өрісін қолданбайды; оны алып тастаңыз.
rule-non-positive = { $id } ережесі: { $field } нөлден көп болуы керек.
rule-percent = { $id } ережесі: пайыз 1 мен 100 аралығында болуы керек.
rule-months = { $id } ережесі: { $field } 1 мен { $max } аралығында болуы керек.
rule-tiers = { $id } ережесі: { $settlement ->
    [village] ауылда
   *[town] қалада
} тұратын { $members } адамдық отбасына { $found } деңгей сәйкес келеді; әр отбасы көлеміне дәл бір деңгей сәйкес келуі керек.
rule-duplicate-version = { $id } ережесінің { $version }-нұсқасы екі рет берілген.
rule-kind-changed = { $id } ережесі «{ $was ->
    [relocation] Көшуге арналған субсидия
    [rent] Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
    [mobility_certificate] Экономикалық ұтқырлық сертификаты
    [employer] Жұмыс берушіге субсидия
   *[other] { $was }
}» үшін жазылған; жаңа нұсқа мұны өзгерте алмайды. Жаңа ережеге жаңа идентификатор беріңіз.
rule-overlap = «{ $kind ->
    [relocation] Көшуге арналған субсидия
    [rent] Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
    [mobility_certificate] Экономикалық ұтқырлық сертификаты
    [employer] Жұмыс берушіге субсидия
   *[other] { $kind }
}» үшін { $first } және { $second } ережелері { $on } бастап қатар күшінде болып шығады. Алдымен бұрынғы ережені аяқтаңыз (valid_to көрсетілген жаңа нұсқасы арқылы).

## Командалық жол.
subsidy-cli-decision = { $number } шешімі: «{ $kind ->
    [relocation] Көшуге арналған субсидия
    [rent] Тұрғын үйді жалдау және коммуналдық қызметтер субсидиясы
    [mobility_certificate] Экономикалық ұтқырлық сертификаты
    [employer] Жұмыс берушіге субсидия
   *[other] { $kind }
}», отбасы { $regno }
subsidy-cli-basis = Ереже { $rule }, { $version }-нұсқа; шешім күні { $decided_on }; отбасы мүшелері: { $members }
subsidy-cli-total = Барлығы: { $amount }
subsidy-cli-approved = Бекітілді: { $number } шешімінің төлемдері ({ $seqs }).
subsidy-cli-paid = { $paid_on } күнгі { $order } төлем тапсырмасы жазылды: { $number } шешімінің төлемдері ({ $seqs }).
subsidy-cli-reversed = Кері қайтарылды: { $number } шешімінің төлемдері ({ $seqs }).
subsidy-cli-moved-away = { $regno } отбасы { $on } күні көшіп кетті. Күші жойылған төлемдер: { $cancelled }; ашылған қайтару істері: { $cases }.
subsidy-cli-case = Қайтарылуға тиіс: { $amount }, { $decision } шешімі бойынша (мерзімі { $term_ends_on } күні аяқталады).
subsidy-cli-eligible = Отбасы бұл субсидияны { $rule } ережесі бойынша ала алады.
ledger-cli-statement = { $regno } отбасы, { $name }
ledger-cli-due = { $month } айында мерзімі келетіні: { $count } төлем, { $total } (бекітілгені { $approved }, бекітуді күтіп тұрғаны { $awaiting }).
ledger-cli-awaiting = Бекітуді күтуде: { $count } төлем, { $total }.
ledger-cli-paid = { $from } – { $to } аралығында төленді: { $count } төлем, { $total }.
ledger-cli-totals = Мерзімі { $from } – { $to } аралығында келетін төлемдер; кезеңде төленгені: { $paid }.
ledger-cli-reconciles = Жиынтықтар төлемдер журналымен сәйкес келеді.
ledger-cli-not-reconciled = Жиынтықтар төлемдер журналымен сәйкес келмейді: бұл туралы әкімшіге хабарлаңыз.
ledger-cli-rebuilt = Төлем жолдары журнал жазбаларынан қайта құрылды: { $count }.
ledger-cli-all-kinds = Барлық субсидиялар
ledger-cli-departure = { $on } күні көшіп кетті: { $reason }
mci-cli-added = { $from } бастап АЕК: { $tenge }.
mci-cli-recalc = Өзгеретін төленбеген төлемдер саны: { $count }. Қараңыз: otau recalc list
rule-cli-added = { $id } ережесінің { $version }-нұсқасы қосылды.
rule-cli-loaded = Жеткізілген ережелер жүктелді: { $count }.
recalc-cli-none = Қайта есептеу ұсынылмаған.
recalc-cli-applied = Қайта есептелген төлемдер: { $count }.
recalc-cli-blocked = { $decision }/{ $seq } қайта есептелмейді: { $reason }
subsidy-col-seq = №
subsidy-col-due = Төлеу күні
subsidy-col-mci = АЕК
subsidy-col-amount = Сомасы
subsidy-col-state = Күйі
subsidy-col-explanation = Түсіндірме
subsidy-col-decision = Шешім
subsidy-col-family = Отбасы
subsidy-col-kind = Субсидия
subsidy-col-entry = Жазба
subsidy-col-by = Кім
subsidy-col-order = Төлем тапсырмасы
subsidy-col-paid-on = Төленген күні
subsidy-col-old = Бұрынғы
subsidy-col-new = Жаңа
subsidy-col-difference = Айырмасы
subsidy-col-rule = Ереже
subsidy-col-version = Нұсқа
subsidy-col-valid = Күшінде
subsidy-col-terms = Шарттары
subsidy-col-decisions = Шешімдер
subsidy-col-current = Қолданыста
ledger-col-accrued = Есептелді
ledger-col-reversed = Кері қайтарылды
ledger-col-net = Таза есептелгені
ledger-col-awaiting = Бекітуді күтуде
ledger-col-approved = Бекітілді, төленбеді
ledger-col-paid = Төленді
ledger-col-paid-in-period = Кезеңде төленді

## Өрістердің атаулары.
field-subsidy-quota = Өңірлік квота
field-subsidy-status = Қандас мәртебесі
field-subsidy-kind = Субсидия
field-subsidy-moved_away = Өңірден көшіп кету
field-subsidy-members = Отбасы мүшелері
field-subsidy-decided_on = Шешім күні
field-subsidy-first_due_on = Бірінші төлем күні
field-subsidy-settlement_type = Қала немесе ауыл
field-subsidy-housing_cost = Тұрғын үйдің құны
field-subsidy-months = Ай саны
field-subsidy-reason = Себебі
field-subsidy-moved_on = Көшіп кеткен күні
field-subsidy-instalment = Төлем
field-subsidy-family = Отбасы
field-ledger-order_number = Төлем тапсырмасының нөмірі
field-ledger-paid_on = Төлем күні
field-ledger-reason = Себебі
field-ledger-month = Ай
field-ledger-from = Кезеңнің басы
field-ledger-to = Кезеңнің соңы
field-mci-effective_from = Қолданылатын күні
field-mci-tenge = АЕК теңгемен
field-mci-purpose = Мақсаты
field-mci-reason = Себебі
field-rule-file = Ережелер файлы
field-rule-version = Ереже нұсқасы
field-recalc-instalment = Төлем
