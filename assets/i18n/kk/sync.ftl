# Құрылғы жағындағы синхрондау: кеңсе дерекқорының бас тартулары мен хабарлары және `otau sync …`.
store-numbers-exhausted = Бұл құрылғы орталық оған бөлген { $year } жылғы барлық { $series ->
        [regno] тіркеу нөмірлерін
        [document] құжат нөмірлерін
        [decision] шешім нөмірлерін
       *[plan] жоспар тармақтарының нөмірлерін
    } пайдаланды: жаңаларын алу үшін орталықпен синхрондаңыз.
sync-already-enrolled = Бұл дерекқор орталыққа қосылған.
sync-not-enrolled = Бұл дерекқор орталыққа қосылмаған: алдымен otau sync enrol орындаңыз.
sync-wrong-office = Код { $detail } кеңсесіне берілген: осы дерекқордың кеңсесінің кодын алыңыз.
sync-bad-reference = Орталықтан келген анықтамалық деректер оқылмайды: { $detail }.
sync-bad-block = Орталықтан келген нөмірлер блогы оқылмайды: { $detail }.
sync-bad-value = Орталықтан келген мән оқылмайды: { $detail }.
sync-unknown-operation = Орталықтан келген оқиғада Otau-дың бұл нұсқасы білмейтін әрекет бар ({ $detail }): Otau-ды жаңартыңыз.
sync-wrong-office-event = Орталықтан келген оқиға басқа кеңсеге тиесілі ({ $detail }).
sync-conflict-resolved = Бұл қайшылық шешілген.
sync-case-decided = Бұл жағдай бойынша шешім қабылданған.
store-conflict-choose = Екі мәннің бірін таңдаңыз немесе өзіңіз жазыңыз (тек аты-жөні, байланыс, мекенжай және нөмірлер).
store-conflict-dismiss-only = Орталық қабылдамаған жазбаны тек жабуға болады: әлі керегін қайта тіркеңіз.
cli-sync-enrolled = Құрылғы орталыққа қосылды.
cli-sync-done = Синхрондалды: { $pushed } жіберілді, { $applied } алынды, { $conflicts } жаңа қайшылық.
cli-sync-restored-device = Дерекқор сақтық көшірмеден қалпына келтірілген екен: оның өз оқиғалары орталықтан қайтып келді.
cli-sync-restored-forked = Дерекқор сақтық көшірмеден қалпына келтіріліп, кейін өзгертілген екен: оның орталықта жаңа сәйкестендіргіші бар, ештеңе жоғалған жоқ.
cli-sync-restored-centre = Орталық сақтық көшірмеден қалпына келтірілген екен: жоғалғаны оған қайта жіберілді.
cli-sync-cases-opened = Басшы қарауы тиіс { $count } жаңа жағдай (otau sync cases).
cli-sync-not-enrolled = Бұл дерекқор орталыққа қосылмаған.
cli-sync-centre = Орталық
cli-sync-address = Мекенжайы
cli-sync-last = Соңғы синхрондау
cli-sync-waiting = Жіберуді күтіп тұрған оқиғалар
cli-sync-open-conflicts = Шешілмеген қайшылықтар
cli-sync-open-payment-cases = Екі кеңседе төлем алған отбасылар (шешім күтуде)
cli-sync-open-cases = Қаралмаған жағдайлар
cli-sync-unreachable-since = Орталық қолжетімсіз болған уақыт
cli-sync-last-error = Соңғы мәселе
cli-sync-col-id = Ид.
cli-sync-col-record = Жазба
cli-sync-col-field = Өріс
cli-sync-col-kept = Қалған мән
cli-sync-col-proposed = Басқа мән
cli-sync-col-key = Ортақ
cli-sync-col-state = Күйі
cli-sync-choose = Қай мәнді қалдыратыныңызды көрсетіңіз: --take kept, --take proposed, --take dismiss немесе --value.
cli-sync-resolved = { $id } қайшылығы шешілді.
cli-sync-decided = { $id } жағдайы бойынша шешім қабылданды.
cli-user-password-set = { $login } пайдаланушысының құпия сөзі осы құрылғыда орнатылды.
cli-sync-col-here = Осында
cli-sync-col-there = Басқа кеңседе
cli-sync-col-same-by = Сәйкестік
