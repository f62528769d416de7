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
