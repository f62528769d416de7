# Работа с семьями в приложении: панель статуса и квоты в карточке, план адаптации и общий
# экран работы с семьями.

## Ошибки

ui-casework-required = Это поле нужно заполнить.
ui-casework-number = «{ $value }» — не целое число: введите только цифры.
ui-casework-status-refusal-reason-missing = Для отказа нужна причина: впишите её в это поле.
ui-casework-status-stage-recorded = Этот этап уже записан со значением { $value }. Чтобы исправить, укажите причину в поле «Причина исправления».
ui-casework-status-incomplete = Дата и значение указываются вместе: укажите и то и другое (например, дату рекомендации и саму рекомендацию).
ui-casework-status-no-application = Заявление не записано: сначала укажите дату заявления.
ui-casework-quota-none = Квота на { $year } год ({ $region }) на { $on } не установлена: её устанавливает администратор на экране «Работа с семьями».
ui-casework-quota-exceeded = Квота на { $year } год ({ $region }) — { $quota } чел., уже включено { $used }: осталось только { $remaining } { $remaining ->
        [one] место
        [few] места
       *[many] мест
    }, поэтому { $people } чел. включить нельзя. Включите меньше людей или дождитесь изменения квоты.
ui-casework-quota-people = Из семьи в { $family_size } чел. нельзя включить { $people }: укажите от 1 до { $family_size }.
ui-casework-plan-unknown-user = Нет активного пользователя «{ $login }»: выберите пользователя этого офиса.
ui-casework-plan-unknown-item = В плане нет пункта { $number }: обновите план.

## Панель в карточке

ui-casework-nav = Работа с семьями
ui-casework-panel-title = Работа с семьёй
ui-casework-open-plan = План адаптации
ui-casework-save = Сохранить
ui-casework-saved-status = Решение по статусу сохранено.
ui-casework-saved-extend = Статус продлён.
ui-casework-saved-end = Статус прекращён.
ui-casework-saved-quota = Семья включена в квоту.
ui-casework-saved-item = Пункт плана добавлен.
ui-casework-saved-service = Услуга записана.
ui-casework-saved-stay = Пребывание сохранено.
ui-casework-saved-state = Состояние пункта изменено.
ui-casework-whole-family = Для всей семьи ({ $count } чел.)
ui-casework-stage-applied = Заявление
ui-casework-stage-recommended = Комиссия
ui-casework-stage-decided = Решение
ui-casework-stage-term = Срок
ui-casework-stage-extended = Продление
ui-casework-stage-ended = Прекращён
ui-casework-months = { $months } мес.
ui-casework-earlier = Прежних заявлений: { $count }
ui-casework-no-application = Заявление на статус кандаса ещё не записано.
ui-casework-action-status = Записать решение
ui-casework-action-extend = Продлить ({ $months } мес.)
ui-casework-action-end = Прекратить
ui-casework-action-quota = Включить в квоту
ui-casework-form-status = Заявление и решение по статусу
ui-casework-form-extend = Продление статуса
ui-casework-form-end = Прекращение статуса
ui-casework-form-quota = Включение в региональную квоту
ui-casework-not-yet = — ещё нет —
ui-casework-recommended-yes = Рекомендует
ui-casework-recommended-no = Не рекомендует
ui-casework-decision-granted = Присвоен
ui-casework-decision-refused = Отказано
ui-casework-correction = Причина исправления
ui-casework-correction-hint = Только при изменении уже записанного этапа.
ui-casework-extend-note = Статус продлевается один раз, на { $months } мес. после окончания года (справочные данные).
ui-casework-ended-on = Первый день без статуса
ui-casework-quota-title = Квота: { $region }, { $year }
ui-casework-quota-left = Осталось { $remaining } из { $quota } (включено { $used }).
ui-casework-included = Включена { $date }: { $people } чел. ({ $region }, { $year }).
ui-casework-people-hint = Пусто — вся семья ({ $count })
ui-casework-decision-note = Номер решения или заметка

## План адаптации

ui-casework-plan-title = Индивидуальный план адаптации и интеграции
ui-casework-plan-open-items = открыто { $open }, просрочено { $overdue }
ui-casework-item-add = Добавить пункт
ui-casework-service-add = Записать услугу
ui-casework-me = Я
ui-casework-whole-family-served = Вся семья
ui-casework-items = Пункты плана по направлениям
ui-casework-items-note = Состояние меняется прямо в списке
ui-casework-items-none = В плане ещё нет пунктов: добавьте первый.
ui-casework-item-services = оказано услуг: { $count }
ui-casework-overdue = просрочен
ui-casework-services = Оказанные услуги
ui-casework-services-count = услуг: { $count }
ui-casework-services-none = Этой семье ещё не записано ни одной услуги.
ui-casework-stay = Пребывание в центре
ui-casework-stay-edit = Изменить
ui-casework-stay-now = Сейчас
ui-casework-stay-left = выбыла { $date }
ui-casework-stay-over = на { $days } дн. дольше плана
ui-casework-stay-days = до планового окончания { $days } дн.
ui-casework-stay-none = Пребывание начинается с первого пункта плана.
ui-casework-stay-ended-on = День выбытия семьи
ui-casework-stay-ended-hint = Пусто, пока семья в центре.

## Экран работы с семьями

ui-casework-title = Работа с семьями
ui-casework-col-person = Человек
ui-casework-col-days = Осталось дней
ui-casework-can-extend = можно продлить
ui-casework-month-services = Услуги за { $month }
ui-casework-services-none-month = В этом месяце услуг не оказано.
ui-casework-families-served = Семей обслужено
ui-casework-items-done = Пунктов выполнено
ui-casework-families-staying = Семей в центре
ui-casework-quota-table = Региональная квота на { $year } год
ui-casework-quota-on = на { $date }
ui-casework-year-prev = Предыдущий год
ui-casework-year-next = Следующий год
ui-casework-set-quota = Установить квоту
ui-casework-quota-saved = Квота сохранена.
ui-casework-quota-order = Приказ или источник
ui-casework-quota-table-none = На { $year } год квота не установлена и никто не включён.
ui-casework-col-changed = Действует с
ui-casework-change = Изменить
ui-casework-national = Казахстан (всего)
