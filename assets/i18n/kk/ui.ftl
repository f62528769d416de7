# Otau desktop UI labels — Kazakh (the default language).
# Every id here must also exist in ../ru/ui.ftl and ../en/ui.ftl (a UI test checks it).

## The app

ui-app-name = Otau
ui-app-wordmark = Otau — Отау
ui-app-tagline = Қандастарды бейімдеу және кіріктіру орталықтарына арналған тіркеу жүйесі
ui-app-feature-register = Отбасын бірнеше минутта тіркеу
ui-app-feature-search = Адамды аты-жөнінің кез келген жазылуы бойынша табу
ui-app-feature-offline = Интернетсіз де жұмыс істейді
ui-app-version = Нұсқа { $version }
ui-app-database = Дерекқор: { $path }

## Language switcher

ui-lang-switcher = Интерфейс тілі
ui-lang-kk = Қазақша
ui-lang-ru = Русский
ui-lang-en = English

## Sign-in screen

ui-signin-office-placeholder = Бейімдеу және кіріктіру орталығы
ui-signin-title = Жүйеге кіру
ui-signin-subtitle = Кеңсе әкімшісі берген логин мен құпиясөзді пайдаланыңыз.
ui-signin-login = Логин
ui-signin-password = Құпиясөз
ui-signin-show-password = Құпиясөзді көрсету
ui-signin-hide-password = Құпиясөзді жасыру
ui-signin-caps-lock = Caps Lock қосулы тұр
ui-signin-submit = Кіру
ui-signin-error-empty = Логин мен құпиясөзді енгізіңіз.
ui-signin-error-no-login = Логинді енгізіңіз.
ui-signin-error-no-password = Құпиясөзді енгізіңіз.
ui-signin-not-ready = Дерекқорға қосылу әлі дайын емес. Кейінірек қайталап көріңіз.
ui-signin-help = Кіре алмасаңыз, кеңсе әкімшісіне хабарласыңыз.
