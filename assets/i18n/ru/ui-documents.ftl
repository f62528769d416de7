# Otau desktop UI — documents: the card's documents panel, the register, checking a QR code and
# the monthly summary (Russian). Every id here also exists in ../kk and ../en.

ui-documents-nav = Документы
ui-documents-nav-summary = Месячный отчёт

## The documents panel of a person card

ui-documents-panel = Документы
ui-documents-issue-certificate = Справка о регистрации
ui-documents-issue-statement = Выписка о выплатах
ui-documents-issue-decision = Напечатать решение
ui-documents-decisions = Решения о субсидиях
ui-documents-no-decisions = Решений о субсидиях по семье ещё нет.
ui-documents-issued = Выданные документы
ui-documents-none = Семье ещё не выдано ни одного документа.
ui-documents-reprint = Перепечатать
ui-documents-reprint-hint = Печатается как оригинал, с отметкой «ДУБЛИКАТ».
ui-documents-working = Готовится…

## Saved file

ui-documents-saved = { $kind } { $number } сохранён(а)
ui-documents-saved-duplicate = Дубликат: { $kind } { $number } сохранён
ui-documents-open = Открыть
ui-documents-print = Печать
ui-documents-print-hint = Открывает окно печати системы
ui-documents-printing = Готовится…
ui-documents-open-hint = Открывает документ в системной программе просмотра, чтобы напечатать его.
ui-documents-folder = Папка документов: { $path }

## Statuses

ui-documents-status-issued = Выдан
ui-documents-status-duplicate = Дубликат
ui-documents-status-voided = Аннулирован
ui-documents-voided-on = Аннулирован { $date } ({ $who }): { $reason }

## The register

ui-documents-title = Реестр документов
ui-documents-subtitle = Все документы, выданные центром: номер, вид, кому и кем выдан.
ui-documents-search = Поиск по номеру, виду, ФИО или выдавшему
ui-documents-found = { $count ->
        [0] Ничего не найдено
        [one] { $count } строка
        [few] { $count } строки
       *[other] { $count } строк
    }
ui-documents-col-number = Номер
ui-documents-col-kind = Вид
ui-documents-col-subject = Кому / о чём
ui-documents-col-issued-on = Дата выдачи
ui-documents-col-issued-by = Выдал
ui-documents-col-status = Состояние
ui-documents-void = Аннулировать
ui-documents-void-title = Аннулировать документ { $number }
ui-documents-void-note = Документ останется в реестре, а его QR-код будет показывать «аннулирован». Отменить это нельзя.
ui-documents-void-reason = Причина
ui-documents-void-confirm = Аннулировать
ui-documents-void-done = Документ { $number } аннулирован.

## Checking a paper

ui-documents-verify = Проверка документа
ui-documents-verify-note = Считайте QR-код документа сканером и вставьте его текст сюда.
ui-documents-verify-payload = Текст QR-кода
ui-documents-verify-run = Проверить
ui-documents-verify-valid = Действителен
ui-documents-verify-valid-note = Документ подписан центром { $office } и не аннулирован.
ui-documents-verify-tampered = Недействителен
ui-documents-verify-tampered-note = QR-код изменён или подделан. Не принимайте документ.
ui-documents-verify-unknown_office = Неизвестный центр
ui-documents-verify-unknown_office-note = В этой базе нет ключа центра { $office }. Получите его в головном центре.
ui-documents-verify-voided = Аннулирован
ui-documents-verify-voided-note = Документ подлинный, но аннулирован. Не принимайте его.
ui-documents-verify-office = Центр

## The monthly summary

ui-documents-summary-title = Ежемесячный сводный отчёт
ui-documents-summary-period = { $from } – { $to }
ui-documents-summary-month = Месяц
ui-documents-summary-show = Показать
ui-documents-summary-prev = Предыдущий месяц
ui-documents-summary-next = Следующий месяц
ui-documents-summary-open = Открыт
ui-documents-summary-closed = Закрыт { $date } · { $who }
ui-documents-summary-closed-note = Месяц закрыт: цифры зафиксированы и не меняются.
ui-documents-summary-pdf = Сохранить PDF
ui-documents-summary-xlsx = Сохранить XLSX
ui-documents-summary-close = Закрыть месяц
ui-documents-summary-close-confirm = Да, закрыть { $month }
ui-documents-summary-close-note = Цифры закрытого месяца фиксируются навсегда; записи, внесённые позже, войдут в следующий открытый месяц.
ui-documents-summary-not-over = Месяц можно закрыть только после его окончания.
ui-documents-summary-closed-done = Месяц { $month } закрыт.
ui-documents-summary-arrived = Прибыло
ui-documents-summary-registered = Зарегистрировано
ui-documents-summary-families = семей
ui-documents-summary-persons = человек
ui-documents-summary-late = Поздние записи закрытого месяца { $month }: прибыло { $arrived_families } семей / { $arrived_persons } чел., зарегистрировано { $families } семей / { $persons } чел.
ui-documents-summary-countries = По стране выезда
ui-documents-summary-age = По возрастным группам
ui-documents-summary-education = По образованию
ui-documents-summary-statuses = Статус кандаса
ui-documents-summary-quota = Региональная квота, { $year }
ui-documents-summary-quota-total = Квота
ui-documents-summary-quota-before = До месяца
ui-documents-summary-quota-month = В этом месяце
ui-documents-summary-quota-left = Осталось
ui-documents-summary-subsidies = Субсидии за месяц
ui-documents-summary-subsidy = Субсидия
ui-documents-summary-accrued = Начислено
ui-documents-summary-approved = Утверждено
ui-documents-summary-paid = Выплачено
ui-documents-summary-total = Итого
ui-documents-summary-mci = { $amount } МРП
ui-documents-summary-not-kept = В этой базе не ведётся.
ui-documents-summary-no-subsidies = За месяц записей о субсидиях нет.
ui-documents-summary-none = Нет
ui-documents-col-country = Страна
ui-documents-col-group = Группа
ui-documents-col-families = Семей
ui-documents-col-persons = Человек

## Errors

ui-documents-err-no-folder = Папка документов неизвестна: задайте переменную OTAU_DOCS_DIR.
ui-documents-err-folder = Не удалось создать папку { $path } ({ $detail }): документ не зарегистрирован.
ui-documents-err-write = Не удалось записать файл { $path } ({ $detail }): документ не зарегистрирован.
ui-documents-err-not-saved = { $path } — не документ, сохранённый Otau.
ui-documents-err-open = Не удалось открыть { $path } ({ $detail }). Откройте его из папки сами.
ui-documents-err-not-printable = { $path } — не PDF: его нельзя напечатать из окна. Откройте файл и напечатайте из программы просмотра.
ui-documents-err-reason = Укажите причину аннулирования.
ui-documents-voided-by-office = Аннулирован офисом { $office } { $date }
ui-documents-verify-as-of = По состоянию на последний обмен с центром, { $at }.
