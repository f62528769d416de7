# Otau desktop UI labels — English.
# Every id here must also exist in ../kk/ui.ftl and ../ru/ui.ftl (a UI test checks it).

## The app

ui-app-name = Otau
ui-app-wordmark = Otau — Отау
ui-app-tagline = Registration for kandas adaptation and integration centres
ui-app-feature-register = Register a family in minutes
ui-app-feature-search = Find anyone by any spelling of their name
ui-app-feature-offline = Works without an internet connection
ui-app-version = Version { $version }
ui-app-database = Database: { $path }

## Language switcher

ui-lang-switcher = Interface language
ui-lang-kk = Қазақша
ui-lang-ru = Русский
ui-lang-en = English

## Sign-in screen

ui-signin-office-placeholder = Adaptation and integration centre
ui-signin-title = Sign in
ui-signin-subtitle = Use the login and password your office administrator gave you.
ui-signin-login = Login
ui-signin-password = Password
ui-signin-show-password = Show password
ui-signin-hide-password = Hide password
ui-signin-caps-lock = Caps Lock is on
ui-signin-submit = Sign in
ui-signin-error-empty = Enter your login and password.
ui-signin-error-no-login = Enter your login.
ui-signin-error-no-password = Enter your password.
ui-signin-not-ready = The database connection is not ready yet. Please try again later.
ui-signin-help = If you cannot sign in, contact your office administrator.
