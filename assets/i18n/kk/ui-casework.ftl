# Қосымшадағы отбасылармен жұмыс: карточкадағы мәртебе мен квота панелі, бейімдеу жоспары және
# отбасылармен жұмыстың жалпы экраны.

## Қателер

ui-casework-required = Бұл өрісті толтыру керек.
ui-casework-number = «{ $value }» бүтін сан емес: тек цифр жазыңыз.
ui-casework-status-refusal-reason-missing = Бас тарту үшін себебі керек: оны осы өріске жазыңыз.
ui-casework-status-stage-recorded = Бұл кезең { $value } мәнімен жазылып қойған. Түзету үшін «Түзету себебі» өрісіне себебін жазыңыз.
ui-casework-status-incomplete = Күн мен мәні бірге көрсетіледі: екеуін де толтырыңыз (мысалы, ұсыным күні мен ұсынымның өзін).
ui-casework-status-no-application = Өтініш жазылмаған: алдымен өтініш берілген күнді көрсетіңіз.
ui-casework-quota-none = { $on } күніне { $year } жылғы квота ({ $region }) белгіленбеген: оны әкімші «Отбасылармен жұмыс» экранында белгілейді.
ui-casework-quota-exceeded = { $year } жылғы квота ({ $region }) — { $quota } адам, оның { $used } орны бөлінген: небәрі { $remaining } орын қалды, сондықтан { $people } адамды енгізуге болмайды. Азырақ адамды енгізіңіз немесе квотаның өзгеруін күтіңіз.
ui-casework-quota-people = { $family_size } адамдық отбасынан { $people } адамды енгізуге болмайды: 1-ден { $family_size }-ге дейін көрсетіңіз.
ui-casework-plan-unknown-user = «{ $login }» белсенді пайдаланушы жоқ: осы кеңсенің пайдаланушысын таңдаңыз.
ui-casework-plan-unknown-item = Жоспарда { $number }-тармақ жоқ: жоспарды жаңартыңыз.

## Карточкадағы панель

ui-casework-nav = Отбасылармен жұмыс
ui-casework-panel-title = Отбасымен жұмыс
ui-casework-open-plan = Бейімдеу жоспары
ui-casework-save = Сақтау
ui-casework-saved-status = Мәртебе бойынша шешім сақталды.
ui-casework-saved-extend = Мәртебе ұзартылды.
ui-casework-saved-end = Мәртебе тоқтатылды.
ui-casework-saved-quota = Отбасы квотаға енгізілді.
ui-casework-saved-item = Жоспар тармағы қосылды.
ui-casework-saved-service = Қызмет жазылды.
ui-casework-saved-stay = Орталықта тұру сақталды.
ui-casework-saved-state = Тармақтың күйі өзгерді.
ui-casework-whole-family = Бүкіл отбасына ({ $count } адам)
ui-casework-stage-applied = Өтініш
ui-casework-stage-recommended = Комиссия
ui-casework-stage-decided = Шешім
ui-casework-stage-term = Мерзімі
ui-casework-stage-extended = Ұзарту
ui-casework-stage-ended = Тоқтатылды
ui-casework-months = { $months } ай
ui-casework-earlier = Бұрынғы өтініштер: { $count }
ui-casework-no-application = Қандас мәртебесіне өтініш әлі жазылмаған.
ui-casework-action-status = Шешімді жазу
ui-casework-action-extend = Ұзарту ({ $months } ай)
ui-casework-action-end = Тоқтату
ui-casework-action-quota = Квотаға енгізу
ui-casework-form-status = Мәртебеге өтініш және шешім
ui-casework-form-extend = Мәртебені ұзарту
ui-casework-form-end = Мәртебені тоқтату
ui-casework-form-quota = Өңірлік квотаға енгізу
ui-casework-not-yet = — әлі жоқ —
ui-casework-recommended-yes = Ұсынады
ui-casework-recommended-no = Ұсынбайды
ui-casework-decision-granted = Берілді
ui-casework-decision-refused = Бас тартылды
ui-casework-correction = Түзету себебі
ui-casework-correction-hint = Жазылған кезеңді өзгерткенде ғана.
ui-casework-extend-note = Мәртебе бір рет қана, жылы біткен соң { $months } айға ұзартылады (анықтамалық дерек).
ui-casework-ended-on = Мәртебесіз алғашқы күн
ui-casework-quota-title = Квота: { $region }, { $year }
ui-casework-quota-left = { $quota } орынның { $remaining } орны қалды ({ $used } бөлінді).
ui-casework-included = { $date } енгізілді: { $people } адам ({ $region }, { $year }).
ui-casework-people-hint = Бос болса — бүкіл отбасы ({ $count })
ui-casework-decision-note = Шешім нөмірі немесе ескертпе

## Бейімдеу жоспары

ui-casework-plan-title = Бейімдеу мен кірігудің жеке жоспары
ui-casework-plan-open-items = ашық: { $open }, мерзімі өткен: { $overdue }
ui-casework-item-add = Тармақ қосу
ui-casework-service-add = Қызметті жазу
ui-casework-me = Мен
ui-casework-whole-family-served = Бүкіл отбасы
ui-casework-items = Жоспар тармақтары бағыттар бойынша
ui-casework-items-note = Күйін тізімнің өзінде өзгертуге болады
ui-casework-items-none = Жоспарда әлі тармақ жоқ: біріншісін қосыңыз.
ui-casework-item-services = көрсетілген қызмет: { $count }
ui-casework-overdue = мерзімі өтті
ui-casework-services = Көрсетілген қызметтер
ui-casework-services-count = қызмет: { $count }
ui-casework-services-none = Бұл отбасына әлі бірде-бір қызмет жазылмаған.
ui-casework-stay = Орталықта тұру
ui-casework-stay-edit = Өзгерту
ui-casework-stay-now = Қазір
ui-casework-stay-left = { $date } кетті
ui-casework-stay-over = жоспардан { $days } күн асты
ui-casework-stay-days = жоспарлы аяқталуына { $days } күн
ui-casework-stay-none = Орталықта тұру жоспардың алғашқы тармағымен басталады.
ui-casework-stay-ended-on = Отбасы кеткен күн
ui-casework-stay-ended-hint = Отбасы орталықта болғанда бос қалады.

## Отбасылармен жұмыс экраны

ui-casework-title = Отбасылармен жұмыс
ui-casework-col-person = Адам
ui-casework-col-days = Қалған күн
ui-casework-can-extend = ұзартуға болады
ui-casework-month-services = { $month } қызметтері
ui-casework-services-none-month = Осы айда қызмет көрсетілмеген.
ui-casework-families-served = Қызмет алған отбасы
ui-casework-items-done = Орындалған тармақ
ui-casework-families-staying = Орталықтағы отбасы
ui-casework-quota-table = { $year } жылғы өңірлік квота
ui-casework-quota-on = { $date } күнгі жағдай
ui-casework-year-prev = Алдыңғы жыл
ui-casework-year-next = Келесі жыл
ui-casework-set-quota = Квота белгілеу
ui-casework-quota-saved = Квота сақталды.
ui-casework-quota-order = Бұйрық немесе дереккөз
ui-casework-quota-table-none = { $year } жылға квота белгіленбеген, ешкім енгізілмеген.
ui-casework-col-changed = Күшіне енген күні
ui-casework-change = Өзгерту
ui-casework-national = Қазақстан (барлығы)
