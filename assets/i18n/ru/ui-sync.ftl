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

## Пакеты на USB-флешке (otau-api `packets`)

desk-packet-path-required = Укажите файл.
desk-packet-exists = { $path } уже существует: пакет никогда не заменяет файл. Выберите другое имя.
desk-packet-unwritable = Не удалось записать { $path }: { $detail }.
desk-packet-file-unreadable = Не удалось прочитать { $path }: { $detail }.
desk-packet-busy = Пакет уже загружается: дождитесь окончания.
ui-sync-subtitle-packets = У этого компьютера нет связи с центром: его работа уходит в центр и на другие компьютеры отдела, а их работа приходит сюда в пакетах на флешке.
ui-sync-by-packet = Обмен пакетами на флешке (без связи с центром)
ui-packet-title = Обмен через флешку
ui-packet-note = Где нет связи с центром, пакет переносят на USB-флешке: выгрузите работу этого компьютера для центра, затем загрузите пакет, который центр запишет в ответ. Пакеты зашифрованы и подписаны: потерянная флешка ничего не раскроет о людях.
ui-packet-export-title = Выгрузить для центра
ui-packet-export-note = В пакет входят все изменения, которые центр ещё не подтвердил, поэтому потеря пакета ничего не стоит: следующий повторит их.
ui-packet-import-title = Загрузить от центра
ui-packet-import-note = Выберите пакет, записанный центром для этого компьютера, или укажите путь к нему.
ui-packet-file = Файл
ui-packet-drives = USB-накопители
ui-packet-home = Домашняя папка
ui-packet-no-drive = USB-накопитель не найден: пакет будет записан в домашнюю папку. Вставьте флешку и нажмите «Проверить снова».
ui-packet-refresh = Проверить снова
ui-packet-export = Выгрузить пакет
ui-packet-exporting = Пакет записывается…
ui-packet-exported = Пакет записан: { $path }
ui-packet-exported-events = { $events ->
        [0] Изменений нет: пакет сообщит центру состояние этого компьютера.
        [one] { $events } изменение для центра «{ $centre }».
        [few] { $events } изменения для центра «{ $centre }».
       *[other] { $events } изменений для центра «{ $centre }».
    }
ui-packet-exported-enrolment = В нём заявка на подключение этого компьютера: ответ центра завершит её.
ui-packet-carry = Отвезите его в центр и привезите ответ.
ui-packet-found = Найденные пакеты
ui-packet-found-none = На USB-накопителях и в домашней папке пакетов нет. Укажите путь ниже.
ui-packet-written-at = записан { $moment }
ui-packet-import = Загрузить пакет
ui-packet-importing = Загрузка…
ui-packet-opening = Пакет открывается и проверяется…
ui-packet-progress = Применено { $done } из { $total } изменений
ui-packet-imported = Пакет загружен
ui-packet-from-to = От «{ $centre }» для «{ $device }», отдел { $office }
ui-packet-range = Изменения отдела { $first }–{ $last }
ui-packet-range-none = Новых изменений отдела в нём нет
ui-packet-sum-acknowledged = Изменения этого компьютера, подтверждённые центром
ui-packet-sum-applied = Изменения других компьютеров отдела, применённые здесь
ui-packet-sum-held = Уже были здесь
ui-packet-sum-conflicts = Новые конфликты
ui-packet-sum-cases = Новые случаи для проверки
ui-packet-sum-voided = Документы, аннулированные в других отделах
ui-packet-sum-cross = Люди, зарегистрированные и в другом отделе
ui-packet-sum-cross-decisions = Решения других отделов по ним
ui-packet-sum-reference = Справочные данные (МРП, правила, квоты, отделы)
ui-packet-sum-blocks = Блоки регистрационных номеров
ui-packet-refused = Пакет не загружен

## Один человек в двух отделах

ui-cross-title = Один человек в двух отделах
ui-cross-note = Центр нашёл человека, зарегистрированного здесь и ещё в другом отделе. Сравните обе записи и решите, один ли это человек: ваше решение получит другой отдел.
ui-cross-none = Решений никто не ждёт.
ui-cross-show-decided = Показать решённые
ui-cross-label = В двух отделах
ui-cross-count = { $count ->
        [one] { $count } человек в двух отделах
        [few] { $count } человека в двух отделах
       *[other] { $count } человек в двух отделах
    }
ui-cross-shared-iin = Один ИИН: { $value }
ui-cross-shared-doc = Один документ: { $document } { $value }
ui-cross-shared-name = Одинаковые имя и дата рождения ({ $date }), в любом написании
ui-cross-found = Центр нашёл { $moment }
ui-cross-here = В этом отделе
ui-cross-there = В отделе «{ $office }»
ui-cross-office-code = отдел { $code }
ui-cross-name = ФИО
ui-cross-name-latin = Латиницей
ui-cross-birth = Дата рождения
ui-cross-iin = ИИН
ui-cross-documents = Документы
ui-cross-regno = Регистрационный номер
ui-cross-family = Семья
ui-cross-registered = Зарегистрирован
ui-cross-not-here = Записи этого человека ещё нет на этом компьютере: сначала синхронизируйте.
ui-cross-same = Один и тот же человек
ui-cross-different = Разные люди
ui-cross-reason = Причина
ui-cross-reason-hint = Что сравнили: документы, фото, звонок в другой отдел…
ui-cross-reason-required = Укажите причину: её прочтёт другой отдел.
ui-cross-decided-here = { $login } решил(а) { $moment }: { $decision }
ui-cross-decided-there = { $office } ({ $login }) решил(а) { $moment }: { $decision }
ui-cross-decide-done = Решение записано. С ближайшей синхронизацией оно уйдёт в центр и в другой отдел.
ui-cross-editors = Такие случаи решают те, кто исправляет реестр.

## Одна семья получила одну и ту же единовременную субсидию в двух отделах

ui-paycase-title = Одна субсидия выплачена в двух отделах
ui-paycase-note = Центр нашёл семью, которой здесь выплачена единовременная субсидия, уже выплаченная ей в другом отделе. Сравните обе выплаты и решите, остаются ли обе или одну нужно вернуть: ваше решение получит другой отдел.
ui-paycase-none = Решений по выплатам никто не ждёт.
ui-paycase-label = Выплачено дважды
ui-paycase-count = { $count ->
        [one] { $count } семья получила выплату в двух отделах
        [few] { $count } семьи получили выплату в двух отделах
       *[other] { $count } семей получили выплату в двух отделах
    }
ui-paycase-paid-here = Выплачено в этом отделе
ui-paycase-paid-there = Выплачено в отделе «{ $office }»
ui-paycase-family = Семья
ui-paycase-head = Глава семьи
ui-paycase-kind = Субсидия
ui-paycase-amount = Сумма
ui-paycase-paid-on = Дата выплаты
ui-paycase-keep = Обе выплаты остаются
ui-paycase-recover = Вернуть одну
ui-paycase-reason-hint = Что проверили: правила, документы семьи, звонок в другой отдел…
ui-paycase-managers = Такие случаи решает только руководитель: только он утверждает выплаты.
payment_decision-keep_both = Обе выплаты остаются
payment_decision-recover = Одну выплату нужно вернуть
ui-sync-progress-sending = Отправка изменений: { $done } из { $total }
ui-sync-progress-receiving = Получение изменений: { $done } из { $total }
