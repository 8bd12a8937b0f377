-- Starting answer templates per category (DESIGN §2); the department edits them as data.
insert into answer_templates (category, language, title, body) values ('court_proceedings', 'kk', 'Сот ісін қарау мәселесі бойынша', 'Құрметті {{name}}!

Сіздің {{received}} ж. № {{number}} өтінішіңіз қаралды.

Сотта қаралып жатқан немесе қаралған іс бойынша мәселелерді сот процестік заңнамада белгіленген тәртіппен шешеді. Сот актісімен келіспеген жағдайда оған заңда белгіленген мерзімде жоғары тұрған сотқа шағым беруге құқығыңыз бар.');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('court_proceedings', 'ru', 'По вопросу рассмотрения дела в суде', 'Уважаемый(ая) {{name}}!

Ваше обращение № {{number}} от {{received}} рассмотрено.

Вопросы по делам, находящимся или находившимся в производстве суда, разрешаются судом в порядке, установленном процессуальным законодательством. В случае несогласия с судебным актом Вы вправе обжаловать его в вышестоящий суд в сроки, установленные законом.');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('judge_conduct', 'kk', 'Судьяның әрекетіне шағым бойынша', 'Құрметті {{name}}!

Судьяның әрекетіне қатысты {{received}} ж. № {{number}} шағымыңыз қаралды.

Шағымда келтірілген мән-жайлар тексерілді. Тексеру нәтижесі бойынша мынаны хабарлаймыз:');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('judge_conduct', 'ru', 'По жалобе на действия судьи', 'Уважаемый(ая) {{name}}!

Ваша жалоба на действия судьи № {{number}} от {{received}} рассмотрена.

Изложенные в жалобе обстоятельства проверены. По результатам проверки сообщаем следующее:');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('state_bodies', 'kk', 'Мемлекеттік органдардың қызметі бойынша', 'Құрметті {{name}}!

Сіздің {{received}} ж. № {{number}} өтінішіңіз қаралды.

Өтініште көтерілген мәселе бойынша мынаны түсіндіреміз:');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('state_bodies', 'ru', 'По деятельности государственных органов', 'Уважаемый(ая) {{name}}!

Ваше обращение № {{number}} от {{received}} рассмотрено.

По поставленному в обращении вопросу разъясняем следующее:');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('personal_reception', 'kk', 'Жеке қабылдау туралы', 'Құрметті {{name}}!

Жеке қабылдауға жазылу туралы {{received}} ж. № {{number}} өтінішіңіз қаралды.

Қабылдау күні мен уақыты туралы Сізге қосымша хабарланады. Қабылдауға келгенде жеке басыңызды куәландыратын құжатты алып жүруіңізді сұраймыз.');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('personal_reception', 'ru', 'О личном приёме', 'Уважаемый(ая) {{name}}!

Ваше обращение № {{number}} от {{received}} о записи на личный приём рассмотрено.

О дате и времени приёма Вам будет сообщено дополнительно. Просим иметь при себе документ, удостоверяющий личность.');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('general', 'kk', 'Жалпы жауап', 'Құрметті {{name}}!

Сіздің {{received}} ж. № {{number}} өтінішіңіз қаралды.');
--> statement-breakpoint
insert into answer_templates (category, language, title, body) values ('general', 'ru', 'Общий ответ', 'Уважаемый(ая) {{name}}!

Ваше обращение № {{number}} от {{received}} рассмотрено.');
