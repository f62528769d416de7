# Сообщения и заголовки командной строки otau.
cli-error = Ошибка
cli-invalid-input = { $count ->
    [one] Нужно исправить { $count } поле; ничего не сохранено.
    [few] Нужно исправить { $count } поля; ничего не сохранено.
   *[other] Нужно исправить { $count } полей; ничего не сохранено.
}
cli-member = Член семьи { $n }
cli-duplicate-line = член семьи { $n } похож на { $regno } { $name } ({ $birth }): { $reason }
cli-duplicate-hint = Если это разные люди, зарегистрируйте снова с --allow-duplicate.
cli-user-required = Укажите, кто действует: --user ЛОГИН (пароль — из OTAU_PASSWORD или стандартного ввода).
cli-password-required = Нужен пароль: задайте OTAU_PASSWORD или подайте его на стандартный ввод.
cli-reference-data = Поставляемые справочные данные повреждены: { $detail }.
cli-bad-lang = Неизвестный язык «{ $value }»: укажите kk, ru или en.
cli-bad-date = «{ $value }» — не дата: пишите в виде ГГГГ-ММ-ДД.
cli-bad-purpose = Неизвестное назначение МРП «{ $value }»: укажите social_payments или fines_and_other.
cli-file-unreadable = Не удаётся прочитать { $path }: { $detail }.
cli-file-invalid = { $path } — неверный файл семьи (строка { $line }, столбец { $column }): { $detail }. Формат описан в README.md.
cli-init-done = Офис { $office } ({ $name }) готов: { $db }.
cli-user-added = Пользователь { $login } добавлен с ролью { $role }.
cli-demo-done = Зарегистрировано демонстрационных семей: { $families }; в реестре теперь { $total_families } семей и { $total_persons } человек.
cli-demo-casework = Работа по делам: { $done }. Отказано по правилам офиса: { $refused }.
cli-demo-spec = Демонстрационное население нельзя создать: { $detail }.
cli-manager-password = Пароль менеджера { $login } читается из $OTAU_MANAGER_PASSWORD, а она не задана.
cli-index-rebuilt = Поисковый индекс перестроен: { $count } человек.
cli-audit-ok = Журнал аудита цел: проверено строк — { $rows }.
cli-audit-broken = Журнал аудита изменён или обрезан на строке { $seq }. Сообщите администратору.
cli-family-registered = Семья зарегистрирована: { $regno }
cli-family-regno = Номер семьи
cli-name-latin = Имя латиницей
cli-find-none = По запросу «{ $query }» никто не найден.
cli-iin-valid = ИИН { $iin } верен.
cli-mci-at = На { $date } МРП равен { $tenge } ₸ (действует с { $from }).
cli-mci-none = На { $date } МРП не записан.
cli-col-regno = Номер
cli-col-name = ФИО
cli-col-login = Логин
cli-col-role = Роль
cli-col-when = Когда
cli-col-who = Кто
cli-col-action = Действие
cli-col-what = Запись
cli-col-changes = Изменения
cli-audit-created = создано
cli-user-deactivated = Пользователь { $login } отключён: он больше не может войти.
cli-user-activated = Пользователь { $login } снова действует.
cli-col-outcome = Итог
cli-sign-in-success = вход выполнен
cli-sign-in-failure = неверный логин или пароль
cli-sign-in-locked = отказано: вход заблокирован
cli-sign-in-inactive = отказано: пользователь отключён
cli-bad-choice = Неизвестное значение «{ $value }»: используйте одно из: { $choices }.
cli-person-exported = Все данные о человеке записаны в { $path } ({ $bytes } байт), файл доступен только вам.
cli-consent-withdrawn = Согласие отозвано
cli-consent-warning = Без действующего согласия с данными этого человека делается только то, что требует закон: новые документы о нём не выдаются; выгрузку всех данных о нём (otau person export) выдать можно.
