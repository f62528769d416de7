# Скан-копии в карточке.
ui-scans-title = Скан-копии документа
ui-scans-attach = Прикрепить скан
ui-scans-attaching = Прикрепляется…
ui-scans-hint = Электронная копия вместо бумажной: JPEG, PNG или PDF до 4 МБ, хранится зашифрованной в базе отделения.
ui-scans-none = Сканов пока нет.
ui-scans-attached = Скан прикреплён.
ui-scans-open = Открыть скан { $name }
ui-scans-pages = PDF, { $pages ->
    [one] { $pages } страница
    [few] { $pages } страницы
   *[other] { $pages } страниц
}
ui-scans-added = прикреплён { $date }, { $login }
ui-scans-print = Печать
ui-scans-remove = Убрать из карточки
ui-scans-remove-confirm = Убрать этот скан из карточки? Запись о нём останется в истории.
ui-scans-close = Закрыть
ui-scans-loading = Скан открывается…
ui-scans-page = { $name }, страница { $page } из { $pages }
ui-action-scan-attach = Скан прикреплён
ui-action-scan-remove = Скан убран из карточки
ui-entity-document-scan = Скан документа
ui-history-field-document_scan-kind = Тип файла
ui-history-field-document_scan-bytes = Размер, байт
ui-history-field-document_scan-sha256 = SHA-256
ui-history-field-document_scan-width = Ширина, пикс.
ui-history-field-document_scan-height = Высота, пикс.
ui-history-field-document_scan-pages = Страниц
ui-history-field-document_scan-file_name = Файл
ui-history-field-document_scan-added_on = Прикреплён
ui-history-field-document_scan-added_by = Прикрепил(а)
ui-history-field-document_scan-removed_on = Убран
ui-history-field-document_scan-removed_by = Убрал(а)
ui-history-field-document_scan-document_id = Документ
ui-history-field-document_scan-person_id = Лицо
