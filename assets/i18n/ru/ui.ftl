# Otau desktop UI labels — Russian.
# Every id here must also exist in ../kk/ui.ftl and ../en/ui.ftl (a UI test checks it).

## The app

ui-app-name = Otau
ui-app-wordmark = Otau — Отау
ui-app-tagline = Система регистрации для центров адаптации и интеграции кандасов
ui-app-feature-register = Регистрация семьи за несколько минут
ui-app-feature-search = Поиск человека по любому написанию имени
ui-app-feature-offline = Работает и без интернета
ui-app-version = Версия { $version }
ui-app-data-at = База данных:
ui-app-database = База данных: { $path }

## Language switcher

ui-lang-switcher = Язык интерфейса
ui-lang-kk = Қазақша
ui-lang-ru = Русский
ui-lang-en = English

## Sign-in screen

ui-signin-office-placeholder = Центр адаптации и интеграции
ui-signin-title = Вход в систему
ui-signin-subtitle = Используйте логин и пароль, выданные администратором офиса.
ui-signin-login = Логин
ui-signin-password = Пароль
ui-signin-show-password = Показать пароль
ui-signin-hide-password = Скрыть пароль
ui-signin-caps-lock = Включён Caps Lock
ui-signin-submit = Войти
ui-signin-error-empty = Введите логин и пароль.
ui-signin-error-no-login = Введите логин.
ui-signin-error-no-password = Введите пароль.
ui-signin-not-ready = Подключение к базе данных ещё не готово. Попробуйте позже.
ui-signin-help = Не получается войти — обратитесь к администратору офиса.

## Общие слова рабочих экранов

ui-nav-label = Главное меню
ui-nav-home = Главная
ui-nav-find = Поиск
ui-nav-register = Регистрация семьи
ui-lock-now = Заблокировать экран
ui-sign-out = Выйти из системы
ui-back = Назад
ui-cancel = Отмена
ui-loading = Загрузка…
ui-today = Сегодня
ui-until = до { $date }
ui-days-left = { $days ->
        [0] последний день
        [one] остался { $days } день
        [few] осталось { $days } дня
       *[other] осталось { $days } дней
    }
ui-choose = — выберите —
ui-not-given = Не указано
ui-open-record = Открыть запись
ui-error-unexpected = Непредвиденная ошибка: { $detail }. Повторите действие; если ошибка повторится, обратитесь к администратору.
ui-col-name = ФИО
ui-col-latin = Латиницей
ui-col-regno = Рег. номер
ui-col-head = Глава семьи
ui-col-members = Членов
ui-col-from = Откуда
ui-col-when = Когда
ui-col-who = Кто
ui-col-what = Что сделано
ui-col-whom = Кого касается
ui-col-reason = Причина

## Сочетания клавиш

ui-keys-title = Сочетания клавиш
ui-key-search = Поиск
ui-key-new-family = Зарегистрировать семью
ui-key-add-member = Добавить члена семьи
ui-key-save = Сохранить
ui-key-edit = Исправить данные
ui-key-lock = Заблокировать экран
ui-key-home = Главная
ui-key-back = Вернуться к предыдущему экрану

## Главная

ui-home-greeting = Добро пожаловать, { $name }!
ui-home-today = Сегодня { $date }
ui-home-figures = Показатели офиса
ui-home-families = семей зарегистрировано
ui-home-persons = человек зарегистрировано
ui-home-arrivals-week = семей прибыло за 7 дней
ui-home-arrivals-today = сегодня { $count }
ui-home-due-short = статусов истекает за { $days } дней
ui-home-arrivals = Недавно прибывшие
ui-home-arrivals-note = Последние 7 дней, сегодняшние сверху
ui-home-arrivals-none = За последние 7 дней семьи не прибывали.
ui-home-due = Статус истекает в течение { $days } дней
ui-home-due-none = В ближайшие { $days } дней ни у кого не истекает статус кандаса.
ui-home-due-more = Ещё { $count }
ui-home-work = Последние действия
ui-home-work-none = Пока ничего не записано.

## Действия и записи (история изменений)

ui-action-family-register = Семья зарегистрирована
ui-action-person-edit = Данные исправлены
ui-action-status-record = Записан статус кандаса
ui-action-status-extend = Статус продлён
ui-action-status-end = Статус прекращён
ui-action-quota-include = Включены в квоту
ui-action-quota-set = Установлена квота
ui-action-plan-add = Добавлен пункт плана адаптации
ui-action-plan-update = Изменён план адаптации
ui-action-plan-stay = Записано проживание в центре
ui-action-service-record = Оказана услуга
ui-action-user-add = Добавлен пользователь
ui-action-user-password = Задан пароль
ui-action-user-activate = Пользователь включён
ui-action-user-deactivate = Пользователь отключён
ui-action-office-key-rotate = Новый ключ подписи офиса
ui-action-office-init = Создан офис
ui-action-reference = Загружены справочные данные
ui-entity-family = Семья
ui-entity-person = Личные данные
ui-entity-document = Документ
ui-entity-consent = Согласие
ui-entity-status = Статус кандаса
ui-entity-quota = Квота
ui-entity-plan = План
ui-entity-service = Услуга
ui-entity-stay = Проживание в центре
ui-audit-field-registered_on = Дата регистрации
ui-audit-field-granted_until = Предоставлен до
ui-audit-field-extended_until = Продлён до
ui-audit-field-end_note = Примечание о прекращении

## Поиск

ui-find-title = Поиск человека
ui-find-subtitle = Введите ФИО в любом написании (латиницей, по-русски или по-казахски), ИИН или номер документа.
ui-find-placeholder = ФИО, ИИН или номер документа
ui-find-start = Результаты появляются по мере ввода. Например:
ui-find-example-latin = латиницей
ui-find-example-russian = по-русски
ui-find-example-kazakh = по-казахски
ui-find-example-iin = начало ИИН
ui-find-none = По запросу «{ $query }» никого не найдено. Попробуйте другое написание, ИИН или номер документа.
ui-find-count = Найдено: { $count }
ui-find-took = { $ms } мс

## Регистрация семьи

ui-register-title = Регистрация семьи
ui-register-subtitle = Сначала прибытие и расселение семьи, затем каждый её член. Обязательные поля отмечены *.
ui-register-clear = Очистить форму
ui-register-clear-confirm = Подтвердите очистку
ui-register-family = Семья
ui-register-members = Члены семьи ({ $count })
ui-register-member-number = Член семьи { $number }
ui-register-member-unnamed = ФИО ещё не введено
ui-register-remove-member = Убрать
ui-register-add-member = Добавить члена семьи
ui-register-hint = Данные проверяются по мере ввода. Сохранить — Ctrl+S.
ui-register-member-duplicate = Возможно, уже зарегистрирован
ui-register-duplicates-note = Сходство с ранее зарегистрированными: { $count }. Проверьте перед сохранением.
ui-register-duplicates-show = Показать
ui-register-problems = Полей, требующих исправления: { $count }
ui-register-save = Зарегистрировать семью
ui-register-save-anyway = Всё равно зарегистрировать
ui-register-done-title = Семья зарегистрирована
ui-register-done-text = Присвоены регистрационные номера: { $count } чел.
ui-register-open-card = Открыть карточку
ui-register-another = Зарегистрировать следующую семью
ui-date-placeholder = ДД.ММ.ГГГГ
ui-iin-placeholder = 12 цифр
ui-iin-valid = ИИН верный · { $birth_date } · { $sex }
ui-citizenship-origin = Как страна происхождения
ui-member-relation = Родство с главой
ui-member-latin-note = Латиницей — точно как в документе, буква в букву.
ui-consent-note = Записываются дата согласия и цель обработки.
ui-consent-default-purpose = Оказание услуг по адаптации и интеграции
ui-dup-title = Найдено сходство с ранее зарегистрированными: { $count }
ui-dup-explain = Возможно, это те же люди. Откройте запись и сравните: если это тот же человек, не регистрируйте его повторно.
ui-dup-col-new = Человек в форме
ui-dup-col-existing = Ранее зарегистрирован
ui-dup-col-reason = Чем похож
ui-dup-member = Член семьи { $number }: { $name }
ui-dup-allow = Я проверил(а): это другие люди, зарегистрировать семью всё равно

## Карточка человека

ui-card-age = { $age ->
        [one] { $age } год
        [few] { $age } года
       *[other] { $age } лет
    }
ui-card-family = Семья: { $regno }
ui-card-edit = Исправить
ui-card-edit-title = Исправление данных
ui-card-edit-note = Каждое изменение сохраняется в истории вместе с причиной.
ui-card-reason-hint = Например: исправлена ошибка по документу; новый номер телефона.
ui-card-save = Сохранить исправление
ui-card-saved = Исправление сохранено.
ui-card-reload = Открыть запись заново
ui-card-personal = Личные данные
ui-card-latin = Написание латиницей
ui-card-no-document = Документ не введён.
ui-card-contacts = Контакты и согласие
ui-card-consent-given = дано { $date }
ui-card-consent-missing = Согласие не записано
ui-card-history = История изменений
ui-card-history-note = Кто, когда и что изменил
ui-card-history-reason = Причина: { $reason }
ui-viewed-by-title = Кто смотрел
ui-viewed-by-count = { $shown } из { $total }, сначала новые
ui-viewed-by-none = Данные этого человека ещё никто не смотрел.
ui-viewed-by-family = вся семья
ui-card-status = Статус кандаса и квота
ui-card-status-term = { $from } – { $until }
ui-card-status-since = с { $date }
ui-card-quota = { $region }: квота на { $year } год
ui-card-quota-none = Квота этого региона на текущий год не установлена.
ui-card-quota-total = квота
ui-card-quota-used = выделено
ui-card-quota-left = осталось
ui-card-casework-note = Здесь только показано: решения о статусе и квоте записываются отдельно.
ui-card-family-title = Семья

## Блокировка экрана

ui-lock-title = Экран заблокирован
ui-lock-text = { $name } ({ $login }), введите пароль, чтобы продолжить работу. Несохранённые данные на месте.
ui-lock-other-text = Войдите как другой пользователь. Несохранённая форма предыдущего пользователя будет закрыта.
ui-lock-unlock = Разблокировать
ui-lock-other-user = Войти как другой пользователь
ui-lock-same-user = Продолжить как { $login }

## Ошибки настольного приложения (коды со стороны Rust)

desk-signed-out = В систему никто не вошёл: введите логин и пароль, чтобы продолжить работу.
desk-locked = Экран заблокирован: введите пароль, чтобы продолжить.
desk-no-database = Неизвестно, где находится база данных: укажите путь к файлу в переменной OTAU_DB и перезапустите программу.
desk-date-format = «{ $value }» — не дата: введите дату как ДД.ММ.ГГГГ (например, 14.09.2026) или ГГГГ-ММ-ДД.
desk-internal = Внутренняя ошибка программы: перезапустите программу; если ошибка повторится, обратитесь к администратору.
desk-bad-arguments = Программа неверно запросила { $command }: перезапустите программу; если ошибка повторится, обратитесь к администратору.
store-reason-required = Укажите причину исправления: она сохраняется в истории изменений.
ui-consent-basis-given = Согласие дано
ui-consent-basis-minor = Несовершеннолетний: согласие представителя
ui-consent-basis-no_capacity = Недееспособный: согласие представителя
ui-consent-basis-other = Согласия нет: другая причина
ui-consent-basis-to_collect = Будет получено
ui-consent-member = Член семьи { $number }
ui-consent-to-collect-note = Из импортированного списка: запишите согласие, когда человек его даст.
ui-consent-covered-by = По согласию: { $name } ({ $regno })
ui-consent-expired = Срок согласия истёк { $date }
ui-consent-withdrawn-on = Согласие отозвано { $date }
ui-consent-until = до { $date }
ui-consent-warning = Без действующего согласия с данными этого человека делается только то, что требует закон: новые документы о семье не выдаются; выгрузку всех данных о нём сохранить можно.
ui-consent-withdrawal = Отзыв
ui-consent-withdrawal-line = { $date } · { $method } · принял(а) { $by }
ui-consent-record = Записать согласие
ui-consent-record-save = Сохранить согласие
ui-consent-withdraw = Записать отзыв
ui-consent-withdraw-save = Сохранить отзыв
ui-consent-withdrawn_on = Дата отзыва
ui-consent-withdrawal-method = Способ отзыва
ui-consent-withdrawal-note = Примечание
ui-consent-withdrawal-received_by = Принял(а)
ui-consent-export = Все данные о человеке файлом
ui-consent-exported = Сохранено: { $path }. В файле персональные данные: выдавайте его только самому человеку или по требованию закона.
ui-action-consent-record = Согласие записано
ui-action-consent-withdraw = Согласие отозвано
ui-entity-consent-withdrawal = Отзыв согласия

# The office secret at sign-in and the recovery code shown once after joining an office.
ui-office-secret = Секрет офиса
ui-office-secret-hint = При первом входе на этом компьютере введите секрет офиса, который дал администратор.
ui-recovery-code-title = Код восстановления
ui-recovery-code-hint = Запишите этот код сейчас и храните его отдельно от компьютера. Он показывается один раз и открывает базу, если секрет офиса утерян.
ui-recovery-code-done = Я записал(а) код
