# Рабочее место Otau — администрирование: панель резервных копий на главной странице и экран
# пользователей для администраторов (русский). Каждый id есть также в ../kk и ../en.

## Коды экрана пользователей (otau-api)
desk-passwords-differ = Два пароля не совпадают: наберите один и тот же пароль дважды.
desk-current-password-wrong = Это не ваш текущий пароль: введите пароль, с которым вы вошли.

## Панель резервных копий
ui-backup-title = Резервная копия
ui-backup-now = Сделать копию сейчас
ui-backup-running = Копия записывается и проверяется…
ui-backup-copying = Копирование базы данных: { $percent }%
ui-backup-checking = Копия проверяется открытием…
ui-backup-last = Последняя копия: { $when }, { $size }, проверена открытием.
ui-backup-none = Копий ещё нет. Копии сохраняются в { $folder }.
ui-backup-due = Последней копии больше суток: новая записывается при входе пользователя, или нажмите «Сделать копию сейчас».
ui-backup-failed = Резервная копия не записана: { $reason } Проверьте, что на диске есть место и что в папку { $folder } можно писать, затем нажмите «Сделать копию сейчас» (или попросите руководителя либо администратора).

## Экран пользователей
ui-users-nav = Пользователи
ui-users-title = Пользователи
ui-users-note = Кто может входить в этот офис и с какой ролью; пароли задаются на этом компьютере.
ui-users-list = Пользователи офиса
ui-users-login = Логин
ui-users-full-name = ФИО
ui-users-role = Роль
ui-users-state = Вход
ui-users-active = Разрешён
ui-users-inactive = Отключён
ui-users-last-sign-in = Последний вход
ui-users-locked-until = Заблокирован до
ui-users-set-password = Задать пароль
ui-users-deactivate = Отключить
ui-users-activate = Включить
ui-users-temporary-password = Временный пароль
ui-users-password = Пароль
ui-users-password-again = Пароль ещё раз
ui-users-password-rule = Не меньше 8 знаков: несколько не связанных между собой слов или буквы, цифры и знаки вперемешку; не логин и не имя.
ui-users-save-password = Сохранить пароль
ui-users-cancel = Отмена
ui-users-add = Добавить пользователя
ui-users-add-save = Добавить
ui-users-added = Пользователь { $login } добавлен.
ui-users-password-set = Для { $login } задан временный пароль: сообщите его и попросите сменить.
ui-users-deactivated = { $login } отключён и больше не может войти.
ui-users-activated = { $login } снова может входить.
ui-users-log = Журнал входов
ui-users-log-none = Попыток входа ещё не было.
ui-users-when = Когда
ui-users-outcome = Итог
ui-users-outcome-success = Вход выполнен
ui-users-outcome-failure = Неверный логин или пароль
ui-users-outcome-locked = Отказ: заблокирован после ошибок
ui-users-outcome-inactive = Отказ: отключён

## Собственный пароль (кнопка с ключом на верхней панели и напоминание после пароля от администратора)
ui-own-password = Мой пароль
ui-own-password-title = Задайте собственный пароль
ui-own-password-note = Ваш пароль должны знать только вы. Тот, кто задал ваш нынешний пароль, не может утверждать подготовленное вами, пока вы не зададите свой.
ui-own-password-due = Ваш пароль задал администратор. Задайте пароль, который знаете только вы: до тех пор подготовленные вами выплаты утверждает не он, а другой руководитель.
ui-own-password-choose = Задать мой пароль
ui-own-password-current = Текущий пароль
ui-own-password-new = Новый пароль
ui-own-password-again = Новый пароль ещё раз
ui-own-password-save = Сохранить мой пароль
ui-own-password-cancel = Отмена
ui-own-password-saved = Пароль изменён; теперь его знаете только вы.

## Импорт таблицы
desk-import-no-file = Нет открытой для импорта таблицы: выберите файл снова.
desk-import-busy = Проверка или импорт уже идёт: дождитесь окончания или остановите.
desk-import-not-received = Файл пришёл не целиком: выберите его снова.
desk-import-nothing-refused = При последней проверке ни одна строка не отклонена: сохранять нечего.
desk-import-no-folder = Не задана папка документов для отклонённых строк: задайте её в настройках отделения.
