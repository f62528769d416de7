# Работа с семьями: статус кандаса, региональная квота, план адаптации и услуги, импорт таблиц.

## Статус кандаса

status-no-application = Заявление не записано: сначала укажите дату заявления (--applied).
status-date-in-future = Дата позже сегодняшней ({ $today }): проверьте дату.
status-before-stage = Дата раньше { $stage ->
        [applied_on] заявления
        [recommended_on] рекомендации
       *[decided_on] решения
    } ({ $date }): проверьте обе даты.
status-incomplete = Дата и значение указываются вместе: укажите оба (например, --recommended вместе с --recommendation).
status-refusal-reason-missing = Для отказа нужна причина: укажите её в --refusal-reason.
status-reason-without-refusal = Указана причина отказа, но в статусе не отказано: уберите причину или запишите отказ.
status-not-granted = Статус не присвоен, поэтому его нельзя продлить или прекратить: сначала запишите решение о присвоении.
status-extended-after-expiry = Срок статуса истёк { $until }: продлить можно только действующий статус. Запишите новое заявление.
status-extension-length = Продление на { $months } мес. невозможно: укажите от 1 до { $max } месяцев.
status-already-extended = Статус уже продлён { $on }: продлить можно только один раз.
status-already-ended = Статус уже прекращён { $on }: записывать в него больше нечего.
status-stage-recorded = Этот этап уже записан со значением { $value }. Чтобы исправить, укажите причину: --correction "причина".
status-none = У { $regno } статус кандаса не записан: сначала запишите заявление и решение.

## Региональная квота

quota-unknown-region = «{ $value }» — не регион: укажите код региона, например KZ-55, или KZ для квоты по стране.
quota-year = Год { $year } вне пределов 1991–2100: проверьте год.
quota-negative = Квота { $people } невозможна: укажите ноль или больше.
quota-effective-after-year = Квота на { $year } год не может вступить в силу { $effective_from }, после этого года: проверьте дату и год.
quota-duplicate-row = В таблице квот две строки для { $region } { $year } с { $effective_from }: оставьте одну.
quota-json = Таблицу квот не удаётся прочитать ({ $detail }): исправьте файл или восстановите поставляемый с Otau.
quota-none = На { $on } квота для { $region } на { $year } год не установлена: администратор задаёт её командой otau quota set.
quota-exceeded = Квота { $region } на { $year } год — { $quota } чел.; уже включено { $used }, осталось мест: { $remaining }, включить { $people } чел. нельзя. Включите меньше людей (--people) или дождитесь изменения квоты.
quota-people = Из семьи в { $family_size } чел. нельзя включить { $people }: укажите от 1 до { $family_size }.
quota-already-included = Семья уже включена в квоту ({ $region }, { $year }) решением от { $on }.
quota-date-in-future = Дата решения позже сегодняшней ({ $today }): проверьте дату.

## План, услуги, проживание

plan-required = Поле пустое: заполните его.
plan-date-in-future = Дата позже сегодняшней ({ $today }): проверьте дату.
plan-before-arrival = Дата раньше прибытия семьи ({ $arrival_date }): проверьте дату.
plan-end-before-start = Окончание раньше начала ({ $start }): проверьте обе даты.
plan-stay-length = Проживание { $months } мес. невозможно: укажите от 1 до 24 месяцев.
plan-not-a-member = { $regno } не входит в семью { $family_regno }: укажите члена этой семьи.
plan-unknown-user = Нет действующего пользователя «{ $login }»: укажите логин пользователя этого офиса (otau user list).
plan-unknown-item = В плане нет пункта { $number }: пункты показывает otau plan show.
plan-not-in-list = «{ $value }» не входит в допустимые значения: { $allowed }.
plan-bad-month = «{ $value }» — не месяц: пишите в виде ГГГГ-ММ, например 2026-11.

## Импорт таблиц

import-mapping-invalid = Файл сопоставления не читается ({ $detail }): исправьте его (см. README.md) или создайте новый с --suggest-mapping.
import-column-missing = В файле нет столбца «{ $column }»: исправьте сопоставление. Столбцы файла: { $columns }.
import-field-unmapped = Для поля { $field } в сопоставлении нет ни столбца, ни значения по умолчанию: добавьте одно из них.
import-relation-unmapped = Строки объединяются в семьи, поэтому нужен столбец родства с главой семьи: сопоставьте «relation».
import-no-rows = Под строкой заголовков нет данных: проверьте файл и «header_row».
import-bad-date = «{ $value }» — не дата: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.
import-bad-value = «{ $value }» не распознано: используйте одно из значений { $allowed } или добавьте его в «values» сопоставления.
import-family-key-missing = В первой строке нет номера семьи: заполните столбец семьи.
import-family-refused = Строка { $row } той же семьи отклонена, поэтому вся семья ждёт: исправьте ту строку и импортируйте снова.
import-family-field-conflict = «{ $value }» расходится со значением семьи «{ $family_value }» (из строки главы): у семьи одно значение; исправьте строку или разделите семью.
import-already-registered = Уже зарегистрирован под номером { $regno } ({ $reason }): пропущено.
import-repeated-in-file = Тот же человек, что в строке { $row }: удалите одну из двух строк.
import-likely-duplicate = Похож на { $regno } { $name } ({ $reason }): проверьте, тот ли это человек, и зарегистрируйте эту семью вручную.
import-file-kind = Файлы типа «.{ $ext }» не импортируются: сохраните таблицу как XLSX или CSV.
import-header-row = Строка { $row } файла (строка заголовков) пуста или отсутствует: проверьте «header_row» в сопоставлении.
import-file-unreadable = Не удаётся прочитать { $path }: { $detail }.
import-file-too-large = Файл занимает { $size_mb } МБ, импортируется не больше { $max_mb } МБ: разделите его на несколько файлов.
import-too-many-rows = В листе больше { $max } строк: разделите его на несколько файлов не больше чем по { $max } строк.
import-too-many-columns = В листе есть значение дальше столбца { $max }: удалите всё, что лежит за столбцами реестра (или сохраните только их), и импортируйте снова.
import-csv-not-utf8 = { $path } не в кодировке UTF-8: сохраните его заново как «CSV UTF-8».
import-delimiter = «{ $value }» не может разделять столбцы CSV: используйте «;», «,» или табуляцию.
import-sheet-missing = В файле нет листа «{ $sheet }»: его листы — { $sheets }.
import-refused-sheet = Отклонённые строки
import-refused-row = Строка в файле
import-refused-reasons = Почему отклонена

## Командная строка

cli-bad-days = «{ $value }» — не число дней: пишите, например, 30d, 30 или 2w.
cli-status-term = с { $from } по { $until } (осталось дней: { $days })
cli-status-since = с { $on }
cli-status-on = На дату
cli-status-state = Статус
cli-status-extension = { $on }, на { $months } мес.
cli-status-rules = Статус присваивается на 12 месяцев и может быть продлён один раз на { $months } мес.
cli-status-due-none = В ближайшие { $days } дн. ни один статус не истекает.
cli-status-due = Истекают в ближайшие { $days } дн. (статусов: { $count }):
cli-status-can-extend = можно продлить
cli-col-days-left = Осталось дней
cli-quota-national = Казахстан (всего)
cli-col-quota = Квота
cli-col-used = Включено
cli-col-remaining = Осталось
cli-quota-set = Квота { $region } на { $year } год: { $people } чел. с { $from }.
cli-quota-included = Семья { $regno } включена в квоту { $region } на { $year } год: { $people } чел.
cli-quota-title = Региональная квота на { $year } год (на { $on }):
cli-plan-head = Глава семьи
cli-plan-left = выбыла { $on }
cli-plan-stay-days = до планового окончания дней: { $days }
cli-plan-stay = Проживание в центре
cli-plan-open = Открытые пункты
cli-plan-open-count = открыто: { $open }, просрочено: { $overdue }
cli-plan-overdue = просрочено
cli-service-recorded = Услуга записана: { $kind }, { $on }.
cli-service-summary = Услуг за { $month }: { $total }. Семей получили услуги: { $families }; выполнено пунктов плана: { $done }; семей в центре: { $staying }; выбыло семей: { $left }.
cli-col-count = Количество
cli-col-label = Наименование
cli-import-dry-run = Пробный прогон { $file }: прочитано строк: { $rows }. Будет создано семей: { $families } (человек: { $persons }); уже зарегистрировано: { $skipped }; отклонено строк: { $refused } (семей: { $refused_families }). Ничего не изменено.
cli-import-done = Импорт { $file }: прочитано строк: { $rows }. Создано семей: { $families } (человек: { $persons }); уже зарегистрировано: { $skipped }; отклонено строк: { $refused } (семей: { $refused_families }).
cli-import-field = Поле
cli-import-column = Столбец
cli-import-family-key = Номер семьи
cli-import-default = по умолчанию
cli-import-rows = Строки
cli-import-members = Членов
cli-import-skipped = Уже зарегистрированы (пропущены):
cli-import-refused = Отклонённые строки:
cli-import-row = Строка
cli-import-reason = Причина

## Значения

status_state-no_status = Нет статуса
status_state-applied = Подано заявление
status_state-recommended = Есть рекомендация комиссии
status_state-refused = Отказано
status_state-granted = Присвоен
status_state-extended = Продлён
status_state-expired = Срок истёк
status_state-ended_by_citizenship = Прекращён: гражданство
status_state-ended = Прекращён
recommendation-recommended = рекомендован
recommendation-not_recommended = не рекомендован
decision-granted = присвоен
decision-refused = отказано
end_reason-citizenship = гражданство Казахстана
end_reason-left_country = выезд из Казахстана
end_reason-death = смерть
end_reason-other = другая причина
plan_area-arrival_transport = Прибытие и транспорт
plan_area-family_composition = Состав семьи
plan_area-financial_help = Материальная помощь
plan_area-employment_training = Трудоустройство и обучение
plan_area-housing = Поиск жилья
plan_area-language_courses = Языковые курсы
plan_area-legal = Правовые услуги
plan_area-medical = Медицинские услуги
plan_area-social = Социальные услуги
plan_area-educational = Образовательные услуги
plan_state-planned = Запланировано
plan_state-in_progress = Выполняется
plan_state-done = Выполнено
plan_state-cancelled = Отменено
service_category-information = Информационные услуги
service_category-legal = Правовые услуги
service_category-social = Социальные услуги
service_category-medical = Медицинские услуги
service_category-educational = Образовательные услуги
service_kind-information_consultation = Информирование о правах, обязанностях и переселении
service_kind-labour_market_information = Информация о вакансиях региона
service_kind-settlement_information = Информация о жилье и населённых пунктах
service_kind-arrival_meeting = Встреча по прибытии и транспорт
service_kind-legal_consultation = Юридическая консультация
service_kind-status_application_help = Помощь с заявлением на статус кандаса
service_kind-quota_application_help = Помощь с заявлением на включение в квоту
service_kind-residence_permit_help = Помощь с видом на жительство
service_kind-citizenship_help = Помощь с заявлением на гражданство
service_kind-documents_help = Помощь с документами (ИИН, регистрация, переводы)
service_kind-temporary_accommodation = Временное проживание в центре
service_kind-housing_search_help = Помощь в поиске жилья
service_kind-employment_help = Содействие в трудоустройстве
service_kind-benefits_help = Помощь в оформлении субсидий и пособий
service_kind-social_consultation = Социальная консультация
service_kind-psychological_support = Психологическая поддержка
service_kind-polyclinic_attachment = Прикрепление к поликлинике
service_kind-medical_examination = Медицинский осмотр
service_kind-medical_referral = Первая медицинская помощь и направление
service_kind-kazakh_language_course = Курсы казахского языка
service_kind-russian_language_course = Курсы русского языка
service_kind-script_course = Курсы казахской письменности
service_kind-vocational_training = Профессиональное обучение
service_kind-school_placement = Место в школе или детском саду
service_kind-culture_course = История, культура, традиции и законы Казахстана

## Названия полей

field-applied_on = Дата заявления
field-recommended_on = Дата рекомендации
field-recommendation = Рекомендация
field-decided_on = Дата решения
field-decision = Решение
field-refusal_reason = Причина отказа
field-extended_on = Дата продления
field-extension_months = Срок продления
field-ended_on = Дата прекращения
field-end_reason = Причина прекращения
field-valid_until = Действует по
field-regno = Регистрационный номер
field-people = Число людей
field-year = Год
field-effective_from = Действует с
field-note = Примечание
field-area = Раздел плана
field-description = Что сделать
field-responsible = Ответственный
field-due_date = Срок
field-state = Состояние
field-done_on = Дата выполнения
field-number = Номер пункта
field-given_on = Дата оказания
field-person = Получатель услуги
field-given_by = Кто оказал
field-plan_item = Пункт плана
field-kind = Вид услуги
field-started_on = Первый день в центре
field-planned_end = Плановое окончание
field-stay_months = Срок проживания
field-month = Месяц
field-within = Период
field-mapping = Файл сопоставления
field-file = Файл
field-on = Дата
