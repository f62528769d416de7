# Синхронизация со стороны устройства: отказы и сообщения базы офиса и `otau sync …`.
store-numbers-exhausted = Это устройство использовало все { $series ->
        [regno] регистрационные номера
        [document] номера документов
        [decision] номера решений
       *[plan] номера пунктов плана
    } на { $year } год, выделенные ему центром: синхронизируйтесь с центром, чтобы получить новые.
sync-already-enrolled = Эта база уже подключена к центру.
sync-not-enrolled = Эта база не подключена к центру: сначала выполните otau sync enrol.
sync-wrong-office = Код выдан для офиса { $detail }: возьмите код офиса этой базы.
sync-bad-reference = Справочные данные из центра не читаются: { $detail }.
sync-bad-block = Блок номеров из центра не читается: { $detail }.
sync-bad-value = Значение из центра не читается: { $detail }.
sync-unknown-operation = Событие из центра содержит незнакомую этой версии Otau операцию ({ $detail }): обновите Otau.
sync-wrong-office-event = Событие из центра относится к другому офису ({ $detail }).
sync-conflict-resolved = Этот конфликт уже решён.
sync-case-decided = По этому случаю уже принято решение.
store-conflict-choose = Выберите одно из двух значений или введите своё (только имена, контакты, адреса и номера).
store-conflict-dismiss-only = Запись, которую центр не принял, можно только закрыть: зарегистрируйте заново то, что ещё нужно.
cli-sync-enrolled = Устройство подключено к центру.
cli-sync-done = Синхронизировано: отправлено { $pushed }, получено { $applied }, новых конфликтов { $conflicts }.
cli-sync-restored-device = База была восстановлена из резервной копии: её собственные события вернулись из центра.
cli-sync-restored-forked = База была восстановлена из резервной копии и после этого изменялась: у неё новое удостоверение в центре, ничего не потеряно.
cli-sync-restored-centre = Центр был восстановлен из резервной копии: утраченное отправлено ему снова.
cli-sync-cases-opened = Новых случаев для проверки руководителем: { $count } (otau sync cases).
cli-sync-not-enrolled = Эта база не подключена к центру.
cli-sync-centre = Центр
cli-sync-address = Адрес
cli-sync-last = Последняя синхронизация
cli-sync-waiting = Событий ждут отправки
cli-sync-open-conflicts = Конфликтов к решению
cli-sync-open-payment-cases = Семей, получивших выплату в двух офисах, к рассмотрению
cli-sync-open-cases = Случаев к рассмотрению
cli-sync-unreachable-since = Центр недоступен с
cli-sync-last-error = Последняя проблема
cli-sync-col-id = Ид.
cli-sync-col-record = Запись
cli-sync-col-field = Поле
cli-sync-col-kept = Осталось
cli-sync-col-proposed = Другое значение
cli-sync-col-key = Общее
cli-sync-col-state = Состояние
cli-sync-choose = Укажите, какое значение оставить: --take kept, --take proposed, --take dismiss или --value.
cli-sync-resolved = Конфликт { $id } решён.
cli-sync-decided = По случаю { $id } принято решение.
cli-user-password-set = Пароль пользователя { $login } на этом устройстве установлен.
cli-sync-col-here = Здесь
cli-sync-col-there = В другом офисе
cli-sync-col-same-by = Совпадение
