# История человека (карточка): названия записей учёта, субсидий и документов.
ui-history-mci = { $mci } МРП

ui-history-action-subsidy-prepare = Подготовлено решение о субсидии
ui-history-action-subsidy-approve = Выплата утверждена
ui-history-action-subsidy-pay = Выплата произведена
ui-history-action-subsidy-reverse = Выплата сторнирована
ui-history-action-subsidy-move-away = Семья выехала из региона
ui-history-action-subsidy-recalc = Выплата пересчитана
ui-history-action-rule-add = Добавлено правило субсидии
ui-history-action-mci-add = Добавлен размер МРП
ui-history-action-mci-correct = Исправлен размер МРП
ui-history-action-document-issue = Выдан документ
ui-history-action-document-reprint = Выдан дубликат документа
ui-history-action-document-void = Документ аннулирован
ui-history-action-month-close = Месяц закрыт
ui-history-action-office-key = Создан ключ офиса
ui-history-action-office-trust = Добавлен ключ другого офиса

ui-history-entity-subsidy_decision = Решение о субсидии
ui-history-entity-subsidy_instalment = Выплата субсидии
ui-history-entity-ledger_entry = Запись книги выплат
ui-history-entity-family_departure = Выезд из региона
ui-history-entity-reimbursement_case = Дело о возврате средств
ui-history-entity-issued_document = Выданный документ
ui-history-entity-document_void = Аннулирование документа
ui-history-entity-quota_row = Квота региона
ui-history-entity-mci_row = Размер МРП
ui-history-entity-subsidy_rule = Правило субсидии
ui-history-entity-casework_setting = Настройка учёта
ui-history-entity-office = Офис
ui-history-entity-user = Пользователь
ui-history-entity-office_key = Ключ офиса
ui-history-entity-known_office_key = Ключ другого офиса
ui-history-entity-closed_month = Закрытый месяц

ui-history-field-subsidy_kind = Вид субсидии
ui-history-field-first_due_on = Срок первой выплаты
ui-history-field-housing_cost_tiyn = Стоимость жилья
ui-history-field-instalments = Число выплат
ui-history-field-months = Число месяцев
ui-history-field-settlement_type = Тип населённого пункта
ui-history-field-total_tiyn = Общая сумма
ui-history-field-amount_tiyn = Сумма
ui-history-field-amount_mci = Сумма в МРП
ui-history-field-mci_tenge = Размер 1 МРП
ui-history-field-mci_effective_from = МРП действует с
ui-history-field-explanation = Расчёт
ui-history-field-reverses_kind = Сторнированная запись
ui-history-field-order_number = Номер платёжного поручения
ui-history-field-paid_on = Дата выплаты
ui-history-field-moved_on = Дата выезда
ui-history-field-status = Состояние
ui-history-field-term_ends_on = Срок возврата
ui-history-field-voided_on = Дата аннулирования
ui-history-field-issued_on = Дата выдачи
ui-history-field-seq = Порядковый номер
ui-history-field-subsidy_decision-kind = Вид субсидии
ui-history-field-subsidy_decision-number = Номер решения
ui-history-field-subsidy_decision-members = Число членов семьи
ui-history-field-subsidy_instalment-seq = Номер выплаты
ui-history-field-subsidy_instalment-due_date = Срок выплаты
ui-history-field-ledger_entry-kind = Вид записи
ui-history-field-ledger_entry-due_date = Срок выплаты
ui-history-field-issued_document-kind = Вид документа
ui-history-field-issued_document-number = Номер документа
ui-history-field-document_void-number = Номер документа
ui-history-field-reimbursement_case-amount_tiyn = Сумма к возврату
ui-history-field-consent-basis = Основание
ui-history-field-consent-reason = Причина словами

ui-history-more = … ещё { $count } { $count ->
    [one] запись
    [few] записи
   *[many] записей
}: { $entity }
