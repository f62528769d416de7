# Otau desktop UI — sync with the centre: the sidebar's status, the sync screen (status,
# enrolment, conflicts, review cases), joining an office from the sign-in screen, and the history
# of changes synced from another device (Russian). Every id here also exists in ../kk and ../en.

## Codes of the sync screens (otau-api)

desk-sync-required = Заполните это поле.
desk-sync-has-office = Эта база данных уже принадлежит центру адаптации: войдите в систему.

## The sidebar

ui-sync-nav = Синхронизация
ui-sync-open = Открыть экран синхронизации
ui-sync-now = Синхронизировать
ui-sync-syncing = Синхронизация…
ui-sync-never = Ещё не синхронизировано
ui-sync-just-now = Синхронизировано только что
ui-sync-minutes-ago = Синхронизировано { $minutes } мин назад
ui-sync-last-at = Последняя синхронизация { $moment }
ui-sync-waiting = { $count ->
        [one] { $count } изменение ждёт отправки
        [few] { $count } изменения ждут отправки
       *[other] { $count } изменений ждут отправки
    }
ui-sync-all-sent = Всё отправлено
ui-sync-conflicts-count = { $count ->
        [one] { $count } конфликт для решения
        [few] { $count } конфликта для решения
       *[other] { $count } конфликтов для решения
    }
ui-sync-cases-count = { $count ->
        [one] { $count } случай на проверку
        [few] { $count } случая на проверку
       *[other] { $count } случаев на проверку
    }
ui-sync-unreachable = Центр недоступен с { $moment }
ui-sync-not-enrolled = Не подключено к центру
ui-sync-works-offline = Всё работает без связи.

## The sync screen: status

ui-sync-title = Синхронизация с центром
ui-sync-subtitle = Работа этого компьютера уходит в центр и на другие компьютеры центра адаптации, а их работа приходит сюда. Синхронизация идёт в фоне и не мешает работе.
ui-sync-status = Состояние
ui-sync-centre = Центр
ui-sync-last = Последняя синхронизация
ui-sync-waiting-label = Ждут отправки
ui-sync-conflicts-label = Конфликты
ui-sync-cases-label = Случаи на проверку
ui-sync-background = Фоновая синхронизация
ui-sync-background-every = каждые { $minutes } мин
ui-sync-background-off = выключена: синхронизируйте кнопкой
ui-sync-problem = Последняя проблема
ui-sync-report = Последняя синхронизация: отправлено { $pushed }, получено { $applied }, новых конфликтов { $conflicts }, новых случаев на проверку { $cases }.
ui-sync-not-enrolled-note = Эта база данных работает сама по себе. Подключите её к центру, чтобы её записи попадали в центр и на другие компьютеры.

## Enrolment

ui-sync-enrol-title = Подключить этот компьютер к центру
ui-sync-enrol-note = Вставьте одноразовый код, выданный центром. Записи центра адаптации будут отправлены в центр; дальше синхронизация идёт в фоне.
ui-sync-enrol-centre = Адрес центра
ui-sync-enrol-centre-hint = Например, https://centre.example.kz:8443
ui-sync-enrol-code = Код подключения
ui-sync-enrol-name = Имя этого компьютера
ui-sync-enrol-name-hint = Видно в центре, например «Окно 2» (необязательно)
ui-sync-enrol-submit = Подключить
ui-sync-enrol-busy = Отправляем записи…
ui-sync-enrol-done = Этот компьютер подключён к центру.
ui-sync-enrol-admins = Подключить компьютер к центру может только администратор.

## Conflicts

ui-sync-conflicts = Конфликты
ui-sync-conflicts-note = Одно и то же поле изменили по-разному на двух компьютерах. Выберите верное значение и укажите причину: решение дойдёт до всех компьютеров центра адаптации.
ui-sync-conflicts-none = Конфликтов нет.
ui-sync-show-resolved = Показать решённые
ui-sync-kept = Действует сейчас
ui-sync-proposed = Другое значение
ui-sync-choose-kept = Оставить
ui-sync-choose-proposed = Принять это
ui-sync-typed = Ввести верное значение
ui-sync-reason = Причина
ui-sync-reason-hint = Сохраняется в истории, например «сверено с паспортом»
ui-sync-resolve = Решить
ui-sync-choose = Выберите одно из значений или введите верное.
ui-sync-this-device = этот компьютер
ui-sync-other-device = устройство { $device }
ui-sync-said = «{ $reason }»
# States and decisions, named as the library names an enumeration's values (<enum>-<value>).
sync_state-open = Нужно решить
sync_state-resolved = Решён
sync_state-decided = Решено
ui-sync-resolved = Решил(а) { $login } { $date }: { $value }
ui-sync-dismissed = Отклонил(а) { $login } { $date }
ui-sync-resolved-why = Причина: { $reason }
ui-sync-resolve-done = Конфликт решён. Решение уйдёт на другие компьютеры при следующей синхронизации.
ui-sync-duplicate = Запись, которая не вступила в силу
ui-sync-duplicate-note = Другой компьютер раньше занял номер или ключ этой записи, поэтому она не вступила в силу. Зарегистрируйте заново то, что ещё нужно, и отклоните её здесь.
ui-sync-dismiss = Отклонить
ui-sync-resolve-not-allowed = Ваша роль не решает конфликты.

## Review cases

ui-sync-cases = Случаи на проверку
ui-sync-cases-note = Два компьютера записали факты о деньгах или личности, которые не могут оба остаться без решения руководителя: выплаты никогда не сливаются.
ui-sync-cases-none = Случаев на проверку нет.
# What the two facts of a review case share.
case_key-line_kind = Одна выплата одобрена или выплачена дважды
case_key-line_settled = Одна выплата и выплачена, и сторнирована
case_key-iin = Один ИИН зарегистрирован дважды
ui-sync-first = Первый факт
ui-sync-second = Второй факт
ui-sync-decision = Решение
ui-sync-decision-choose = Выберите…
case_decision-both_stand = Оба остаются
case_decision-correction = Деньги возвращены или запись исправлена
case_decision-same_person = Это один человек
case_decision-different_people = Это разные люди
ui-sync-decide = Решить
ui-sync-decided = Решил(а) { $login } { $date }: { $decision }
ui-sync-decide-done = Решение по случаю записано.
ui-sync-choose-decision = Выберите решение.
ui-sync-cases-managers = Случаи на проверку решает руководитель.

## Joining an office on a new computer (the sign-in screen)

ui-sync-join-hint = Новый компьютер центра адаптации, который уже работает с центром?
ui-sync-join-link = Подключиться к центру адаптации
ui-sync-join-title = Подключиться к центру адаптации
ui-sync-join-subtitle = Этот компьютер получит записи из центра. Пароли не передаются: задайте пароль администратора для этого компьютера.
ui-sync-join-login = Логин администратора
ui-sync-join-password = Новый пароль на этом компьютере
ui-sync-join-password-hint = Не меньше 8 символов
ui-sync-join-submit = Подключиться
ui-sync-join-busy = Получаем записи…
ui-sync-join-back = Назад ко входу

## History of changes

ui-sync-history-remote = Получено с другого устройства
ui-sync-history-remote-device = Получено с другого устройства ({ $device })
ui-sync-history-not-applied = не вступило в силу: конфликт
ui-sync-history-dropped = Эта запись здесь не вступила в силу: она столкнулась с уже имеющейся записью (см. конфликты на экране синхронизации)
ui-sync-action-resolve = Конфликт решён
ui-sync-action-decide = Решение по случаю на проверку
ui-sync-entity-conflict = Конфликт синхронизации
ui-sync-entity-case = Случай на проверку
ui-history-field-sync_conflict-state = Состояние
ui-history-field-review_case-state = Состояние
ui-history-field-review_case-decision = Решение
