# Сообщения об ошибках хранилища.
store-database = Ошибка базы данных: { $detail }. Ничего не сохранено; повторите, а если ошибка повторится, обратитесь к администратору.
store-migration = Не удалось обновить базу данных: { $detail }.
store-schema-too-new = Эта база создана более новой версией Otau (схема { $found }; эта версия знает до { $supported }). Обновите Otau, прежде чем открывать её.
store-not-initialised = В этой базе ещё нет офиса. Создайте его: otau init --office КОД --office-name НАЗВАНИЕ --region KZ-NN
store-already-initialised = Эта база уже принадлежит офису { $office }.
store-invalid = { $count ->
    [one] Нужно исправить { $count } поле.
    [few] Нужно исправить { $count } поля.
   *[other] Нужно исправить { $count } полей.
}
store-duplicates = { $count ->
    [one] Член семьи похож на уже зарегистрированного человека. Проверьте перед сохранением.
   *[other] Найдены совпадения с уже зарегистрированными людьми ({ $count }). Проверьте перед сохранением.
}
store-iin-taken = ИИН { $iin } уже зарегистрирован под номером { $regno }. Откройте эту запись вместо повторной регистрации.
store-not-found = Не найдено: { $what } с номером { $key }. Проверьте номер.
store-bad-credentials = Неверный логин или пароль.
store-forbidden =
    Ваша роль ({ $role }) не позволяет это действие: { $action ->
        [read] просмотр данных
        [register-family] регистрация семьи
        [edit-registry] исправление реестра
        [manage-users] управление пользователями
        [manage-reference] изменение справочных данных
        [issue-document] выдача документа
        [void-document] аннулирование документа
        [close-month] закрытие месяца
        [prepare-subsidy] подготовка субсидии
        [approve-payment] утверждение выплаты
        [record-payment] запись выплаты
        [reverse-payment] сторнирование выплаты
       *[other] { $action }
    }. Обратитесь к пользователю с нужной ролью.
store-login-taken = Логин { $login } занят: выберите другой.
store-version-conflict = Кто-то изменил эту запись, пока вы её редактировали. Обновите её и внесите изменение заново.
store-sequence-exhausted = Все регистрационные номера { $year } года использованы.
store-password = Не удалось обработать пароль: { $detail }.
store-corrupt = Сохранённые данные повреждены: { $detail }. Обратитесь к администратору.
store-unknown-role = Неизвестная роль «{ $value }»: укажите clerk, manager или admin.
store-bad-login = Логин — от 2 до 32 символов: латинские буквы, цифры, точка, дефис или подчёркивание.
store-short-password = Пароль должен содержать не меньше { $min } символов.
store-unknown-region = Неизвестный регион «{ $value }»: укажите код, например KZ-55.
store-required = Это поле обязательно.
