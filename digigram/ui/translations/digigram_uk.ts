<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>AddHubDialog</name>
    <message>
        <location filename="../hub_picker.py" line="165"/>
        <source>Add a hub</source>
        <translation>Додати хаб</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="169"/>
        <source>Name of the hub</source>
        <translation>Назва хабу</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="172"/>
        <source>Region</source>
        <translation>Регіон</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="176"/>
        <source>&amp;Name of the hub:</source>
        <translation>&amp;Назва хабу:</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="177"/>
        <source>&amp;Region:</source>
        <translation>&amp;Регіон:</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="182"/>
        <source>Trainees on this computer then choose the hub from the list; two hubs of one name in different regions stay apart.</source>
        <translation>Слухачі на цьому компʼютері потім обирають хаб зі списку; два хаби з однією назвою в різних регіонах не змішуються.</translation>
    </message>
</context>
<context>
    <name>Bundles</name>
    <message>
        <location filename="../coordinator/bundles.py" line="59"/>
        <location filename="../coordinator/bundles.py" line="260"/>
        <source>Save a result bundle</source>
        <translation>Зберегти пакет результатів</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="60"/>
        <location filename="../coordinator/bundles.py" line="318"/>
        <source>Load a result bundle</source>
        <translation>Завантажити пакет результатів</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="62"/>
        <source>A bundle carries results to the region on a USB stick. The regional key signs it, so that changes made on the way are found.</source>
        <translation>Пакет переносить результати до області на USB-флешці. Регіональний ключ підписує його, тож зміни, внесені дорогою, буде виявлено.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="64"/>
        <source>Results from a bundle are added to this computer&apos;s data. A backup is made first; loading the same bundle twice changes nothing.</source>
        <translation>Результати з пакета додаються до даних цього компʼютера. Спершу робиться резервна копія; повторне завантаження того самого пакета нічого не змінює.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="77"/>
        <source>Bundle file</source>
        <translation>Файл пакета</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="81"/>
        <source>Br&amp;owse…</source>
        <translation>&amp;Огляд…</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="82"/>
        <source>Choose the bundle file</source>
        <translation>Вибрати файл пакета</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="86"/>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="89"/>
        <source>Only checks &amp;since:</source>
        <translation>Лише перевірки &amp;від:</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="90"/>
        <source>Only checks since a date</source>
        <translation>Лише перевірки від дати</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="96"/>
        <source>First day of checks in the bundle</source>
        <translation>Перший день перевірок у пакеті</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="103"/>
        <source>Use the regional &amp;key:</source>
        <translation>Регіональний &amp;ключ:</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="104"/>
        <source>Use the regional key</source>
        <translation>Використати регіональний ключ</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="107"/>
        <source>Regional key</source>
        <translation>Регіональний ключ</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="108"/>
        <source>&amp;No key (unsigned)</source>
        <translation>&amp;Без ключа (без підпису)</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="109"/>
        <source>&amp;Accept a bundle without a signature</source>
        <translation>&amp;Прийняти пакет без підпису</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="115"/>
        <source>Without a signature nobody can tell whether the results were changed on the way.</source>
        <translation>Без підпису ніхто не зможе перевірити, чи результати не змінили дорогою.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="117"/>
        <source>Without a signature you cannot tell whether the results were changed on the way. Load it only if you know where it came from.</source>
        <translation>Без підпису не можна перевірити, чи результати не змінили дорогою. Завантажуйте його, лише якщо знаєте, звідки він.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="156"/>
        <location filename="../coordinator/bundles.py" line="159"/>
        <source>Result bundle (*.zip)</source>
        <translation>Пакет результатів (*.zip)</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="167"/>
        <source>Please choose the bundle file.</source>
        <translation>Виберіть файл пакета.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="169"/>
        <source>Please enter the regional key, or choose the unsigned option.</source>
        <translation>Введіть регіональний ключ або виберіть варіант без підпису.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="220"/>
        <source>The bundle holds the results of the trainees of all hubs; the trainee table&apos;s filters do not limit it.</source>
        <translation>Пакет містить результати слухачів усіх хабів; фільтри таблиці слухачів його не обмежують.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="222"/>
        <source>The bundle holds the results of the trainees of the hub «%1» only, the hub chosen above the trainee table; the group and dates chosen there do not limit it.</source>
        <translation>Пакет містить результати слухачів лише хабу «%1» — хабу, вибраного над таблицею слухачів; група й дати, вибрані там, його не обмежують.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="233"/>
        <source>people</source>
        <translation>людей</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="233"/>
        <source>checks</source>
        <translation>перевірок</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="234"/>
        <source>answers</source>
        <translation>відповідей</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="234"/>
        <source>plans</source>
        <translation>планів</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="235"/>
        <source>framework versions</source>
        <translation>версій рамки</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="236"/>
        <source>area results</source>
        <translation>результатів за сферами</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="237"/>
        <source>plan steps</source>
        <translation>кроків плану</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="238"/>
        <source>check results</source>
        <translation>результатів перевірок</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="261"/>
        <source>Saving the bundle…</source>
        <translation>Зберігаємо пакет…</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="262"/>
        <location filename="../coordinator/bundles.py" line="320"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="266"/>
        <source>Writing %1: %2 of %3</source>
        <translation>Запис %1: %2 з %3</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="267"/>
        <source>Writing %1: %2</source>
        <translation>Запис %1: %2</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="279"/>
        <source>Saving was cancelled. No bundle file was written.</source>
        <translation>Збереження скасовано. Файл пакета не записано.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="289"/>
        <source>Bundle saved: %1
In it: people %2, checks %3, answers %4, plans %5.</source>
        <translation>Пакет збережено: %1
У ньому: людей — %2, перевірок — %3, відповідей — %4, планів — %5.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="297"/>
        <source>The bundle is not signed.</source>
        <translation>Пакет не підписано.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="319"/>
        <source>Loading the bundle…</source>
        <translation>Завантаження пакета…</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="325"/>
        <source>Checking %1: %2 of %3</source>
        <translation>Перевірка %1: %2 з %3</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="327"/>
        <source>Checking and loading %1: %2 of %3</source>
        <translation>Перевірка й завантаження %1: %2 з %3</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="344"/>
        <source>Loading was cancelled. Nothing was imported.</source>
        <translation>Завантаження скасовано. Нічого не імпортовано.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="353"/>
        <source>Cancel came too late: the bundle had already been loaded.</source>
        <translation>Скасувати було вже пізно: пакет уже завантажено.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="354"/>
        <source>Bundle loaded.</source>
        <translation>Пакет завантажено.</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="355"/>
        <source>Added: %1</source>
        <translation>Додано: %1</translation>
    </message>
    <message>
        <location filename="../coordinator/bundles.py" line="356"/>
        <source>Already here, unchanged: %1</source>
        <translation>Уже були, без змін: %1</translation>
    </message>
</context>
<context>
    <name>CoordinatorFiles</name>
    <message>
        <location filename="../coordinator/files.py" line="59"/>
        <location filename="../coordinator/files.py" line="61"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="132"/>
        <source>Save the trainee table as CSV</source>
        <translation>Зберегти таблицю слухачів як CSV</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="134"/>
        <source>CSV table (*.csv)</source>
        <translation>Таблиця CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="125"/>
        <location filename="../coordinator/files.py" line="162"/>
        <location filename="../coordinator/files.py" line="182"/>
        <source>Saved: %1</source>
        <translation>Збережено: %1</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="83"/>
        <source>Saving was cancelled. No file was written.</source>
        <translation>Збереження скасовано. Жодного файлу не записано.</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="103"/>
        <source>Reading the trainees&apos; results…</source>
        <translation>Читання результатів слухачів…</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="104"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="108"/>
        <source>Writing page %1 of %2…</source>
        <translation>Запис сторінки %1 з %2…</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="111"/>
        <source>Laying out page %1…</source>
        <translation>Верстання сторінки %1…</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="112"/>
        <source>Laying out the report…</source>
        <translation>Верстання звіту…</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="114"/>
        <source>Writing the file…</source>
        <translation>Запис файлу…</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="145"/>
        <source>Save the group report as PDF</source>
        <translation>Зберегти звіт групи як PDF</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="156"/>
        <source>Save the individual report as PDF</source>
        <translation>Зберегти особистий звіт як PDF</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="168"/>
        <source>Save all data of this person</source>
        <translation>Зберегти всі дані цієї людини</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="170"/>
        <source>JSON file (*.json)</source>
        <translation>Файл JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="190"/>
        <source>Delete %1 with all their answers, results and plans? This cannot be undone.</source>
        <translation>Видалити %1 з усіма відповідями, результатами й планами? Цього не можна скасувати.</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="193"/>
        <source>The data is removed from the regional database. Its backups, which the region&apos;s database administrator makes, still hold it until they are replaced by newer ones.</source>
        <translation>Дані буде вилучено з регіональної бази. Її резервні копії, які робить адміністратор регіональної бази, зберігають їх, доки їх не замінять новіші.</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="197"/>
        <source>The data is wiped from the database file. Older backups on this computer still hold it until they are replaced by newer ones.</source>
        <translation>Дані буде стерто з файлу бази. Старіші резервні копії на цьому компʼютері ще зберігають їх, доки їх не замінять новіші.</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="201"/>
        <source>Delete a person</source>
        <translation>Видалення людини</translation>
    </message>
    <message>
        <location filename="../coordinator/files.py" line="207"/>
        <source>Deleting %1 and erasing their data…</source>
        <translation>Видалення людини «%1» і стирання її даних…</translation>
    </message>
</context>
<context>
    <name>CoordinatorLogin</name>
    <message>
        <location filename="../coordinator/login.py" line="54"/>
        <location filename="../coordinator/mode.py" line="61"/>
        <source>Coordinator mode</source>
        <translation>Режим координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="55"/>
        <source>The coordinator screens show every trainee&apos;s results. Enter the coordinator password to open them.</source>
        <translation>Екрани координатора показують результати всіх слухачів. Введіть пароль координатора, щоб відкрити їх.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="60"/>
        <source>Put a backup back</source>
        <translation>Повернути резервну копію</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="61"/>
        <source>Only the coordinator may put older data back. Enter the coordinator password to do it.</source>
        <translation>Повернути давніші дані може лише координатор. Введіть пароль координатора.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="63"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="64"/>
        <source>Coordinator password</source>
        <translation>Пароль координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="67"/>
        <source>Set the coordinator password</source>
        <translation>Встановлення пароля координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="68"/>
        <source>No coordinator password is set on this computer yet. Choose one now (at least %1 characters) and keep it safe: it opens every trainee&apos;s results.</source>
        <translation>На цьому компʼютері ще не встановлено пароль координатора. Виберіть його зараз (щонайменше %1 символів) і бережіть: він відкриває результати всіх слухачів.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="75"/>
        <source>Change the coordinator password</source>
        <translation>Зміна пароля координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="76"/>
        <source>The data stays as it is; only the password that opens the coordinator screens changes.</source>
        <translation>Дані залишаються як є; змінюється лише пароль, що відкриває екрани координатора.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="78"/>
        <source>&amp;Current password:</source>
        <translation>&amp;Чинний пароль:</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="79"/>
        <source>Current coordinator password</source>
        <translation>Чинний пароль координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="81"/>
        <source>&amp;New password:</source>
        <translation>&amp;Новий пароль:</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="82"/>
        <source>New coordinator password</source>
        <translation>Новий пароль координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="83"/>
        <source>New password &amp;again:</source>
        <translation>Новий пароль &amp;ще раз:</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="84"/>
        <source>New coordinator password again</source>
        <translation>Новий пароль координатора ще раз</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="114"/>
        <source>Please enter the password.</source>
        <translation>Введіть пароль.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="116"/>
        <source>The new password needs at least %1 characters.</source>
        <translation>Новий пароль має містити щонайменше %1 символів.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="119"/>
        <source>The two new passwords differ. Please type them again.</source>
        <translation>Два нові паролі відрізняються. Введіть їх ще раз.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="190"/>
        <source>The coordinator password is changed.</source>
        <translation>Пароль координатора змінено.</translation>
    </message>
    <message>
        <location filename="../coordinator/login.py" line="200"/>
        <source>No coordinator password is set on this computer yet, so only the PIN opens these results.</source>
        <translation>На цьому компʼютері ще не встановлено пароль координатора, тож ці результати відкриває лише PIN.</translation>
    </message>
    <message>
        <location filename="../coordinator/mode.py" line="49"/>
        <source>Coordinator mode is open. It locks again when you leave these screens.</source>
        <translation>Режим координатора відкрито. Він знову замкнеться, коли ви вийдете з цих екранів.</translation>
    </message>
    <message>
        <location filename="../coordinator/mode.py" line="62"/>
        <source>Preparing the trainees&apos; results for this version of the framework (only this once)…</source>
        <translation>Готуємо результати слухачів для цієї версії рамки (лише цього разу)…</translation>
    </message>
    <message>
        <location filename="../coordinator/mode.py" line="95"/>
        <source>Coordinator mode is locked.</source>
        <translation>Режим координатора закрито.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../coordinator/pages.py" line="39"/>
        <source>Working out the figures…</source>
        <translation>Обчислення показників…</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="43"/>
        <source>The figures could not be read.</source>
        <translation>Не вдалося прочитати показники.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="99"/>
        <location filename="../coordinator/pages.py" line="186"/>
        <source>Read the figures &amp;once more</source>
        <translation>Прочитати показники &amp;знову</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="100"/>
        <source>Questions most often answered &amp;wrongly:</source>
        <translation>Пита&amp;ння, на які найчастіше відповідають неправильно:</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="101"/>
        <source>Questions most often answered wrongly</source>
        <translation>Питання, на які найчастіше відповідають неправильно</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="103"/>
        <source>Question</source>
        <translation>Питання</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="103"/>
        <location filename="../coordinator/pages.py" line="189"/>
        <source>Area</source>
        <translation>Сфера</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="104"/>
        <source>Wrong</source>
        <translation>Неправильно</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="104"/>
        <source>Share wrong</source>
        <translation>Частка неправильних</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="105"/>
        <source>Wrong: not fully right, “I don&apos;t know” and partly right answers included; a question is listed from %1 answers.</source>
        <translation>Неправильні — усі не цілком правильні, зокрема «Не знаю» й частково правильні; питання показано від %1 відповідей.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="128"/>
        <source>No question is listed yet: none has at least %1 answers from the trainees shown with at least one of them wrong. Fewer answers say little about how hard a question is; with more checks, or all hubs shown, questions appear here.</source>
        <translation>Питань тут ще немає: жодне не має щонайменше %1 відповідей від показаних слухачів, серед яких хоча б одна неправильна. Менше відповідей мало кажуть про те, наскільки питання складне; коли перевірок більшає або показано всі хаби, питання зʼявляються тут.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="143"/>
        <source>%1 of %2</source>
        <comment>wrong answers of those given</comment>
        <translation>%1 з %2</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="187"/>
        <source>&amp;Change in measured level, latest check minus first:</source>
        <translation>&amp;Зміна виміряного рівня, остання перевірка мінус перша:</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="188"/>
        <source>Change in measured level per area</source>
        <translation>Зміна виміряного рівня за сферами</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="190"/>
        <source>Mean change in levels</source>
        <translation>Середня зміна в рівнях</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="191"/>
        <source>▲ the level rose, ▼ fell, = about the same, from the first check to the latest.</source>
        <translation>▲ — рівень зріс, ▼ — знизився, = — майже не змінився, від першої перевірки до останньої.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="213"/>
        <source>No one shown has a later check at least %1 days after their first yet, so there is nothing to compare.</source>
        <translation>Ще ні в кого з показаних немає наступної перевірки щонайменше через %1 днів після першої, тож порівнювати поки нічого.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="226"/>
        <source>Trainees with a later check at least %1 days after their first: %2.</source>
        <translation>Слухачів із наступною перевіркою щонайменше через %1 днів після першої: %2.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="228"/>
        <source>Rated their digital skills 7–10: %1 at the first check, %2 at the latest.</source>
        <translation>Оцінили свої цифрові навички на 7–10: %1 на першій перевірці, %2 на останній.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="246"/>
        <source>%1 of %2 (%3)</source>
        <comment>people of those who gave a rating</comment>
        <translation>%1 із %2 (%3)</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="259"/>
        <source>%1: %2 of %3 below the target</source>
        <translation>%1: %2 з %3 нижче від цілі</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="305"/>
        <source>Group picture</source>
        <translation>Картина групи</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="306"/>
        <source>Chart: each trainee&apos;s gap per area</source>
        <translation>Діаграма: скільки рівнів до цілі бракує кожному слухачеві в кожній сфері</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="307"/>
        <source>Drawing the group picture…</source>
        <translation>Малюємо картину групи…</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="308"/>
        <source>The group picture appears here.</source>
        <translation>Тут зʼявиться картина групи.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="335"/>
        <source>This framework has no roles, so it sets no target levels and there are no gaps to picture. Each trainee&apos;s levels are in the Trainees table.</source>
        <translation>У цій рамці немає ролей, тож вона не задає цільових рівнів і розривів до цілі показати немає. Рівні кожного слухача — у таблиці «Слухачі».</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="345"/>
        <source>Each row is a trainee, each column an area; the number is how many levels are still missing to the target (0: reached). Rows follow the order of the table.</source>
        <translation>Кожен рядок — слухач, кожен стовпець — сфера; число показує, скільки рівнів ще бракує до цілі (0 — ціль досягнуто). Рядки йдуть у порядку таблиці.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="348"/>
        <source>Shown: the first %1 of %2 trainees.</source>
        <translation>Показано перших %1 з %2 слухачів.</translation>
    </message>
    <message>
        <location filename="../coordinator/pages.py" line="354"/>
        <source>Columns:</source>
        <translation>Стовпці:</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="81"/>
        <source>%1: no finished check</source>
        <translation>%1: немає завершеної перевірки</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="83"/>
        <source>%1: level %2, no target</source>
        <translation>%1: рівень %2, ціль не задано</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="86"/>
        <source>%1: level %2, target %3 reached</source>
        <translation>%1: рівень %2, ціль %3 досягнуто</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="88"/>
        <source>%1: level %2, below the target %3 by %4</source>
        <translation>%1: рівень %2, нижче від цілі %3 на %4</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="94"/>
        <source>needs help</source>
        <translation>потрібна допомога</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="174"/>
        <source>Name</source>
        <translation>Імʼя</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="178"/>
        <source>Hub</source>
        <translation>Хаб</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="179"/>
        <source>Group</source>
        <translation>Група</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="180"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="176"/>
        <source>Checks</source>
        <translation>Перевірки</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="177"/>
        <source>Last check</source>
        <translation>Остання перевірка</translation>
    </message>
    <message>
        <location filename="../coordinator/table.py" line="175"/>
        <source>Needs help</source>
        <translation>Потрібна допомога</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="400"/>
        <source>Coordinator: trainees and their results</source>
        <translation>Координатор: слухачі та їхні результати</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="406"/>
        <source>&amp;Leave coordinator mode</source>
        <translation>Вий&amp;ти з режиму координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="407"/>
        <source>Change pass&amp;word…</source>
        <translation>Змінити &amp;пароль…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="408"/>
        <source>Hub&amp;s…</source>
        <translation>Ха&amp;би…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="409"/>
        <source>S&amp;ync with the region…</source>
        <translation>Синхрон&amp;ізувати з регіоном…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="338"/>
        <source>(filters are on)</source>
        <translation>(фільтри ввімкнено)</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="335"/>
        <source>Trainees shown: %1</source>
        <translation>Показано слухачів: %1</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="367"/>
        <source>Show only: region, hub, group, dates, name</source>
        <translation>Показати лише: регіон, хаб, група, дати, імʼя</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="369"/>
        <source>Show or fold the filters: region, hub, group, dates, name</source>
        <translation>Показати або згорнути фільтри: регіон, хаб, група, дати, імʼя</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="370"/>
        <source>This framework has no roles, so it sets no target levels: each area shows the level measured, and no one is marked as needing help.</source>
        <translation>У цій рамці немає ролей, тож вона не задає цільових рівнів: у кожній сфері показано виміряний рівень, і нікого не позначено як такого, що потребує допомоги.</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="402"/>
        <source>&amp;Manage</source>
        <translation>Керуванн&amp;я</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="403"/>
        <source>Hubs, sync with the region, the password, leaving coordinator mode</source>
        <translation>Хаби, синхронізація з регіоном, пароль, вихід із режиму координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="405"/>
        <source>Manage coordinator mode</source>
        <translation>Керування режимом координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="411"/>
        <source>Show o&amp;nly…</source>
        <translation>П&amp;оказати лише…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="414"/>
        <source>H&amp;ub:</source>
        <translation>&amp;Хаб:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="415"/>
        <source>&amp;Group:</source>
        <translation>&amp;Група:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="416"/>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="418"/>
        <source>Filter by region</source>
        <translation>Відбір за регіоном</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="419"/>
        <source>Filter by hub</source>
        <translation>Відбір за хабом</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="420"/>
        <source>Filter by group</source>
        <translation>Відбір за групою</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="421"/>
        <source>Filter by role</source>
        <translation>Відбір за роллю</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="422"/>
        <source>Checked &amp;from:</source>
        <translation>Перевірки &amp;від:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="423"/>
        <source>Checked unt&amp;il:</source>
        <translation>Перевірки &amp;до:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="424"/>
        <source>Only checks from a date</source>
        <translation>Лише перевірки від дати</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="425"/>
        <source>Only checks until a date</source>
        <translation>Лише перевірки до дати</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="426"/>
        <source>First day of checks shown</source>
        <translation>Перший день показаних перевірок</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="427"/>
        <source>Last day of checks shown</source>
        <translation>Останній день показаних перевірок</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="428"/>
        <source>Name contain&amp;s:</source>
        <translation>&amp;Імʼя містить:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="429"/>
        <source>Find trainees by part of the name</source>
        <translation>Знайти слухачів за частиною імені</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="430"/>
        <source>Part of the name</source>
        <translation>Частина імені</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="431"/>
        <source>&amp;Trainees</source>
        <translation>&amp;Слухачі</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="432"/>
        <source>Group &amp;picture</source>
        <translation>&amp;Картина групи</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="433"/>
        <source>Hard &amp;questions</source>
        <translation>Скл&amp;адні питання</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="434"/>
        <source>&amp;Before/after</source>
        <translation>До і піс&amp;ля</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="435"/>
        <source>Progr&amp;amme</source>
        <translation>Програ&amp;ма</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="438"/>
        <source>Dashboard pages</source>
        <translation>Сторінки панелі координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="439"/>
        <source>Trainees</source>
        <translation>Слухачі</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="810"/>
        <source>&amp;Sort by “%1” the other way round</source>
        <translation>&amp;Упорядкувати за «%1» у зворотному порядку</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="811"/>
        <source>&amp;Sort by “%1”</source>
        <translation>&amp;Упорядкувати за «%1»</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="362"/>
        <source>Per area: ✓ the target is reached; ▼ and a number: that many levels below the target, with the level and the target; ⚠ needs help.</source>
        <translation>За сферами: ✓ ціль досягнуто; ▼ і число: на стільки рівнів нижче від цілі, із рівнем і ціллю; ⚠ потрібна допомога.</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="358"/>
        <source>✓ target reached; ▼1 A2 → B1: level A2, one below the target B1; ⚠ needs help: an area two or more levels below, or at least half the areas below the target.</source>
        <translation>✓ — ціль досягнуто; ▼1 A2 → B1: рівень A2, на один нижче від цілі B1; ⚠ потрібна допомога: сфера на два й більше рівнів нижче від цілі або щонайменше половина сфер нижче від неї.</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="440"/>
        <source>&amp;Open the trainee</source>
        <translation>Відкрити слуха&amp;ча</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="441"/>
        <source>&amp;Delete the trainee…</source>
        <translation>В&amp;идалити слухача…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="442"/>
        <source>Fi&amp;les</source>
        <translation>&amp;Файли</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="443"/>
        <source>The table as CSV, the group report as PDF, result bundles</source>
        <translation>Таблиця в CSV, звіт групи в PDF, пакети результатів</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="445"/>
        <source>Table as &amp;CSV…</source>
        <translation>Таблиця в &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="446"/>
        <source>Group r&amp;eport as PDF…</source>
        <translation>Звіт групи в P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="447"/>
        <source>&amp;Save a result bundle…</source>
        <translation>&amp;Зберегти пакет результатів…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="448"/>
        <source>&amp;Load a result bundle…</source>
        <translation>Заванта&amp;жити пакет результатів…</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="532"/>
        <source>All regions</source>
        <translation>Усі регіони</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="574"/>
        <source>All hubs</source>
        <translation>Усі хаби</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="535"/>
        <source>All groups</source>
        <translation>Усі групи</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="355"/>
        <source>Show only: region, hub, group, role, dates, name</source>
        <translation>Показати лише: регіон, хаб, група, роль, дати, імʼя</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="357"/>
        <source>Show or fold the filters: region, hub, group, role, dates, name</source>
        <translation>Показати або згорнути фільтри: регіон, хаб, група, роль, дати, імʼя</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="413"/>
        <source>R&amp;egion:</source>
        <translation>Р&amp;егіон:</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="536"/>
        <source>All roles</source>
        <translation>Усі ролі</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="591"/>
        <source>(none)</source>
        <translation>(без назви)</translation>
    </message>
    <message>
        <location filename="../coordinator/dashboard.py" line="331"/>
        <source>Trainees shown: %1; needing help: %2</source>
        <translation>Показано слухачів: %1; потребують допомоги: %2</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../errors.py" line="43"/>
        <source>Something needs your attention</source>
        <translation>Зверніть увагу</translation>
    </message>
    <message>
        <location filename="../errors.py" line="45"/>
        <source>Problem message</source>
        <translation>Повідомлення про проблему</translation>
    </message>
    <message>
        <location filename="../errors.py" line="96"/>
        <source>Unexpected error</source>
        <translation>Неочікувана помилка</translation>
    </message>
    <message>
        <location filename="../errors.py" line="98"/>
        <source>Something went wrong inside Digigram. Your answers so far are saved. Please tell the person who looks after this computer; the details are in this file:</source>
        <translation>У Digigram щось пішло не так. Усі відповіді, дані до цієї миті, збережено. Будь ласка, повідомте про це того, хто обслуговує цей компʼютер; подробиці записано в цьому файлі:</translation>
    </message>
    <message>
        <location filename="../errors.py" line="106"/>
        <source>Error message</source>
        <translation>Повідомлення про помилку</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../history_table.py" line="22"/>
        <source>Full check</source>
        <translation>Повна перевірка</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="24"/>
        <source>Quick scan</source>
        <translation>Швидка перевірка</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="33"/>
        <source>finished</source>
        <translation>завершено</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="34"/>
        <source>not finished</source>
        <translation>не завершено</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="35"/>
        <source>abandoned</source>
        <translation>покинуто</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="84"/>
        <source>&amp;Checks so far:</source>
        <translation>&amp;Перевірки досі:</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="66"/>
        <source>Checks so far</source>
        <translation>Перевірки досі</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="68"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="69"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="70"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="71"/>
        <source>Own rating before → after</source>
        <translation>Власна оцінка до → після</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="72"/>
        <source>Levels per area</source>
        <translation>Рівні за сферами</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="86"/>
        <source>Chart: each area&apos;s level at each check</source>
        <translation>Діаграма: рівень кожної сфери в кожній перевірці</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="88"/>
        <source>Checks so far, and each area&apos;s level at each check</source>
        <translation>Перевірки досі й рівень кожної сфери в кожній перевірці</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="89"/>
        <source>No finished checks yet.</source>
        <translation>Завершених перевірок ще немає.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="90"/>
        <source>&amp;Home</source>
        <translation>&amp;Головна</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="91"/>
        <source>&amp;Open the chosen check&apos;s results</source>
        <translation>&amp;Відкрити результати вибраної перевірки</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="109"/>
        <source>Checks of %1</source>
        <translation>Перевірки: %1</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <location filename="../home.py" line="204"/>
        <source>Digigram: check your digital skills</source>
        <translation>Digigram: перевірте свої цифрові навички</translation>
    </message>
    <message>
        <location filename="../home.py" line="206"/>
        <source>Choose your name or add yourself. The check takes about 15–25 minutes; you can pause at any time and continue later. Each answer is saved at once.</source>
        <translation>Виберіть своє імʼя або додайте себе. Перевірка триває приблизно 15–25 хвилин; її можна будь-коли призупинити й продовжити пізніше. Кожну відповідь зберігаємо одразу.</translation>
    </message>
    <message>
        <location filename="../home.py" line="212"/>
        <source>&amp;People on this computer:</source>
        <translation>&amp;Люди на цьому компʼютері:</translation>
    </message>
    <message>
        <location filename="../home.py" line="213"/>
        <source>People on this computer</source>
        <translation>Люди на цьому компʼютері</translation>
    </message>
    <message>
        <location filename="../home.py" line="214"/>
        <source>&amp;Search:</source>
        <translation>П&amp;ошук:</translation>
    </message>
    <message>
        <location filename="../home.py" line="215"/>
        <source>Search the people</source>
        <translation>Пошук людей</translation>
    </message>
    <message>
        <location filename="../home.py" line="216"/>
        <source>Part of a name or of a hub</source>
        <translation>Частина імені або назви хабу</translation>
    </message>
    <message>
        <location filename="../home.py" line="217"/>
        <source>&amp;New person…</source>
        <translation>&amp;Нова людина…</translation>
    </message>
    <message>
        <location filename="../home.py" line="218"/>
        <source>What would you like to do?</source>
        <translation>Що бажаєте зробити?</translation>
    </message>
    <message>
        <location filename="../home.py" line="219"/>
        <source>&amp;Continue the unfinished check</source>
        <translation>&amp;Продовжити незавершену перевірку</translation>
    </message>
    <message>
        <location filename="../home.py" line="220"/>
        <source>Start the &amp;full check</source>
        <translation>Почати повн&amp;у перевірку</translation>
    </message>
    <message>
        <location filename="../home.py" line="221"/>
        <source>Start a &amp;quick scan (fewer questions)</source>
        <translation>Почати &amp;швидку перевірку (менше питань)</translation>
    </message>
    <message>
        <location filename="../home.py" line="222"/>
        <source>&amp;Area:</source>
        <translation>С&amp;фера:</translation>
    </message>
    <message>
        <location filename="../home.py" line="223"/>
        <source>Area to check</source>
        <translation>Сфера для перевірки</translation>
    </message>
    <message>
        <location filename="../home.py" line="224"/>
        <source>Check &amp;this area only</source>
        <translation>Перевірити лише &amp;цю сферу</translation>
    </message>
    <message>
        <location filename="../home.py" line="225"/>
        <source>&amp;Results</source>
        <translation>&amp;Результати</translation>
    </message>
    <message>
        <location filename="../home.py" line="226"/>
        <source>&amp;Development plan</source>
        <translation>План ро&amp;звитку</translation>
    </message>
    <message>
        <location filename="../home.py" line="227"/>
        <source>&amp;History of checks</source>
        <translation>&amp;Історія перевірок</translation>
    </message>
    <message>
        <location filename="../home.py" line="391"/>
        <source>Choose a person in the list first.</source>
        <translation>Спершу виберіть людину в списку.</translation>
    </message>
    <message>
        <location filename="../home.py" line="476"/>
        <source>(PIN)</source>
        <translation>(з PIN)</translation>
    </message>
    <message>
        <location filename="../home.py" line="326"/>
        <source>Shown: %1 of %2</source>
        <translation>Показано: %1 з %2</translation>
    </message>
    <message>
        <location filename="../home.py" line="329"/>
        <source>Nobody matches “%1”. Clear the search to see everyone.</source>
        <translation>Нікого не знайдено за «%1». Очистьте пошук, щоб побачити всіх.</translation>
    </message>
    <message>
        <location filename="../home.py" line="385"/>
        <source>Alt+%1, or Alt+%2 with the Latin layout</source>
        <translation>Alt+%1, або Alt+%2 на латинській розкладці</translation>
    </message>
    <message>
        <location filename="../home.py" line="387"/>
        <source>Nobody is on this computer yet. First add yourself with “%1” above the list (%2).</source>
        <translation>На цьому компʼютері ще нікого немає. Спершу додайте себе кнопкою «%1» над списком (%2).</translation>
    </message>
    <message>
        <location filename="../home.py" line="393"/>
        <source>Selected: %1</source>
        <translation>Вибрано: %1</translation>
    </message>
    <message>
        <location filename="../home.py" line="433"/>
        <source>That PIN is not right. Please try again.</source>
        <translation>PIN не підходить. Спробуйте ще раз.</translation>
    </message>
</context>
<context>
    <name>HubCombo</name>
    <message>
        <location filename="../hub_picker.py" line="290"/>
        <source>Type part of a hub&apos;s name or its region</source>
        <translation>Введіть частину назви хабу або його регіону</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="291"/>
        <source>Type part of a hub&apos;s name or its region to find it; Alt+↓ lists them all.</source>
        <translation>Введіть частину назви хабу або його регіону, щоб знайти його; Alt+↓ покаже всі.</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="293"/>
        <source>Hubs matching what you typed</source>
        <translation>Хаби, що відповідають уведеному</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="333"/>
        <source>No hub matches “%1”</source>
        <translation>Жоден хаб не відповідає «%1»</translation>
    </message>
</context>
<context>
    <name>HubPicker</name>
    <message>
        <location filename="../hub_picker.py" line="61"/>
        <source>Region of the hub</source>
        <translation>Регіон хабу</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="62"/>
        <source>All regions</source>
        <translation>Усі регіони</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="68"/>
        <source>Region not given yet</source>
        <translation>Регіон ще не вказано</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="70"/>
        <source>Search the hubs</source>
        <translation>Пошук хабу</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="71"/>
        <source>Type part of the name or the region</source>
        <translation>Введіть частину назви або регіону</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="75"/>
        <source>Hubs on this computer</source>
        <translation>Хаби на цьому компʼютері</translation>
    </message>
    <message>
        <location filename="../hub_picker.py" line="91"/>
        <source>There are no hubs on this computer yet. A coordinator adds them in coordinator mode (Add a hub…); until then you can be added without a hub.</source>
        <translation>На цьому компʼютері ще немає хабів. Координатор додає їх у режимі координатора («Додати хаб…»); доти вас можна додати без хабу.</translation>
    </message>
</context>
<context>
    <name>HubsDialog</name>
    <message>
        <location filename="../coordinator/hubs.py" line="59"/>
        <source>Hubs</source>
        <translation>Хаби</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="62"/>
        <source>Hubs whose region is not given yet come first. Choose a hub, then its region, and save. Its people and their results stay with the hub.</source>
        <translation>Спершу йдуть хаби, яким ще не вказано регіон. Оберіть хаб, потім його регіон і збережіть. Люди хабу та їхні результати лишаються з ним.</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="66"/>
        <source>&amp;Find:</source>
        <translation>&amp;Пошук:</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="68"/>
        <source>Find a hub by its name or region</source>
        <translation>Знайти хаб за назвою чи регіоном</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="69"/>
        <source>Part of the name or the region</source>
        <translation>Частина назви або регіон</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="80"/>
        <source>Hubs on this computer</source>
        <translation>Хаби на цьому компʼютері</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="86"/>
        <source>H&amp;ubs:</source>
        <translation>&amp;Хаби:</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="92"/>
        <source>Region of the chosen hub</source>
        <translation>Регіон обраного хабу</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="96"/>
        <source>&amp;Region:</source>
        <translation>&amp;Регіон:</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="104"/>
        <source>&amp;Save the region</source>
        <translation>З&amp;берегти регіон</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="105"/>
        <source>Save the region of the chosen hub</source>
        <translation>Зберегти регіон обраного хабу</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="106"/>
        <source>&amp;Add a hub…</source>
        <translation>&amp;Додати хаб…</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="107"/>
        <source>Add a hub</source>
        <translation>Додати хаб</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="108"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрити</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="109"/>
        <source>Close the hub list</source>
        <translation>Закрити список хабів</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="140"/>
        <source>There are no hubs on this computer yet: add one.</source>
        <translation>На цьому компʼютері ще немає хабів: додайте хаб.</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="174"/>
        <source>%1 of %2 hubs</source>
        <translation>Показано хабів: %1 з %2</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="178"/>
        <source>No hub matches “%1”. Try fewer letters or the region, or add the hub.</source>
        <translation>Жоден хаб не відповідає «%1». Спробуйте менше літер або регіон чи додайте хаб.</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="205"/>
        <source>region not given yet</source>
        <translation>регіон ще не вказано</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="248"/>
        <source>Saved: %1</source>
        <translation>Збережено: %1</translation>
    </message>
    <message>
        <location filename="../coordinator/hubs.py" line="264"/>
        <source>Hub added: %1</source>
        <translation>Хаб додано: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="71"/>
        <location filename="../main_window.py" line="80"/>
        <source>A check is paused</source>
        <translation>Перевірку призупинено</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>There is a paused check. Continue it, or start a new one? The paused check then stays unfinished in the history.</source>
        <translation>Є призупинена перевірка. Продовжити її чи почати нову? Тоді призупинена залишиться в історії незавершеною.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>&amp;Continue the paused check</source>
        <translation>&amp;Продовжити призупинену перевірку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>&amp;Start a new check</source>
        <translation>Почати &amp;нову перевірку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293"/>
        <source>Digigram</source>
        <translation>Digigram</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="294"/>
        <source>Main toolbar</source>
        <translation>Головна панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="295"/>
        <source>Current screen</source>
        <translation>Поточний екран</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>Home</source>
        <translation>Головна</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="299"/>
        <source>Language, text size and contrast</source>
        <translation>Мова, розмір тексту й контраст</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="300"/>
        <source>Coordinator</source>
        <translation>Координатор</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="367"/>
        <source>No person chosen</source>
        <translation>Людину не вибрано</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420"/>
        <source>Your changes to the plan are saved.</source>
        <translation>Ваші зміни до плану збережено.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="560"/>
        <source>Coordinator mode was locked after %1 minutes without use.</source>
        <translation>Режим координатора замкнено: ним не користувалися %1 хвилин.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="610"/>
        <source>These settings apply until Digigram is closed: the database does not let this account keep them (a read-only role). Nothing was changed in the database.</source>
        <translation>Ці налаштування діють, доки Digigram не закрито: база даних не дозволяє цьому обліковому запису їх зберегти (роль лише для читання). У базі нічого не змінено.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="363"/>
        <location filename="../main_window.py" line="369"/>
        <source>Person: %1</source>
        <translation>Людина: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>Back to the home screen</source>
        <translation>Назад на головний екран</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="301"/>
        <source>Trainees, group picture, exports, bundles; needs the password</source>
        <translation>Слухачі, картина групи, експорт, пакети; потрібен пароль</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="477"/>
        <source>Each answer is saved as soon as you go on.</source>
        <translation>Кожну відповідь зберігаємо, щойно ви переходите далі.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="486"/>
        <source>Check paused. Your answers are saved; choose “Continue” to go on later.</source>
        <translation>Перевірку призупинено. Відповіді збережено; щоб продовжити пізніше, виберіть «Продовжити».</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="528"/>
        <source>No finished check yet: start one first.</source>
        <translation>Завершених перевірок ще немає: спершу пройдіть перевірку.</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <location filename="../opening.py" line="35"/>
        <source>Opening your data…</source>
        <translation>Відкриваємо дані…</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../person_dialog.py" line="60"/>
        <source>New person</source>
        <translation>Нова людина</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="68"/>
        <source>Name</source>
        <translation>Імʼя</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="74"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="79"/>
        <source>PIN (optional)</source>
        <translation>PIN (за бажанням)</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="82"/>
        <source>&amp;Name:</source>
        <translation>&amp;Імʼя:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="83"/>
        <source>&amp;Hub or library:</source>
        <translation>&amp;Хаб або бібліотека:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="84"/>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="85"/>
        <source>&amp;PIN (optional):</source>
        <translation>&amp;PIN (за бажанням):</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="113"/>
        <source>A PIN of at least %1 characters, not easy to guess, stops others on this computer from opening your results in Digigram; the hub&apos;s coordinator can still open them with the coordinator password.</source>
        <translation>PIN щонайменше з %1 символів, який нелегко вгадати, не дасть іншим людям на цьому компʼютері відкрити ваші результати у Digigram; координатор хабу все ж може відкрити їх паролем координатора.</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="127"/>
        <source>&amp;Yes</source>
        <translation>&amp;Так, згоден(-на)</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="132"/>
        <source>Keep my answers and results on this computer, so that I can see my progress later. They are not sent anywhere. I can ask for them to be deleted at any time.</source>
        <translation>Зберігати мої відповіді й результати на цьому компʼютері, щоб пізніше бачити свій поступ. Їх нікуди не надсилають. Я можу будь-коли попросити їх видалити.</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="186"/>
        <source>A name cannot be only spaces.</source>
        <translation>Імʼя не може складатися лише з пробілів.</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="188"/>
        <source>At most %1 characters: a name cannot be longer.</source>
        <translation>Щонайбільше %1 символів: довшим імʼя бути не може.</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="232"/>
        <source>no hub</source>
        <translation>без хабу</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="235"/>
        <location filename="../person_dialog.py" line="236"/>
        <source>This name is already here</source>
        <translation>Таке імʼя вже є</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="237"/>
        <source>Someone with this name is already on this computer (%1). Add another person with the same name?</source>
        <translation>Людина з таким імʼям уже є на цьому компʼютері (%1). Додати ще одну людину з таким самим імʼям?</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="240"/>
        <source>&amp;Add another</source>
        <translation>&amp;Додати ще одну</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="241"/>
        <source>&amp;Go back</source>
        <translation>&amp;Повернутися</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="128"/>
        <source>Consent to keep results on this computer</source>
        <translation>Згода зберігати результати на цьому компʼютері</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../person_dialog.py" line="260"/>
        <location filename="../person_dialog.py" line="267"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="263"/>
        <source>&amp;PIN for %1:</source>
        <translation>&amp;PIN для %1:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="279"/>
        <source>&amp;Coordinator opens it…</source>
        <translation>Відкриває &amp;координатор…</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="281"/>
        <source>Coordinator opens it with the password</source>
        <translation>Відкриває координатор своїм паролем</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="300"/>
        <source>That PIN is not right. Please try again.</source>
        <translation>PIN не підходить. Спробуйте ще раз.</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <location filename="../plan_step_editor.py" line="36"/>
        <source>Planned</source>
        <translation>Заплановано</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="37"/>
        <source>In progress</source>
        <translation>Виконується</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="38"/>
        <source>Done</source>
        <translation>Виконано</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="88"/>
        <source>Save the plan as PDF</source>
        <translation>Зберегти план як PDF</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="187"/>
        <source>S&amp;teps:</source>
        <translation>&amp;Кроки:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="188"/>
        <source>Steps of the plan</source>
        <translation>Кроки плану</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="190"/>
        <source>The plan&apos;s steps and the chosen step</source>
        <translation>Кроки плану й вибраний крок</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="191"/>
        <source>&amp;Suggest from my results</source>
        <translation>&amp;Запропонувати за моїми результатами</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="192"/>
        <source>&amp;Add a step</source>
        <translation>&amp;Додати крок</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="193"/>
        <source>Re&amp;move the step</source>
        <translation>Ви&amp;лучити крок</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="101"/>
        <source>&amp;Goal:</source>
        <translation>&amp;Мета:</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="102"/>
        <source>&amp;Competence:</source>
        <translation>К&amp;омпетентність:</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="103"/>
        <source>&amp;Resource:</source>
        <translation>&amp;Ресурс:</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="104"/>
        <source>&amp;Due date:</source>
        <translation>&amp;Термін:</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="105"/>
        <source>Stat&amp;us:</source>
        <translation>&amp;Стан:</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="106"/>
        <source>&amp;Notes:</source>
        <translation>&amp;Нотатки:</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="109"/>
        <source>Goal</source>
        <translation>Мета</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="110"/>
        <source>Competence</source>
        <translation>Компетентність</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="111"/>
        <source>Resource</source>
        <translation>Ресурс</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="112"/>
        <source>Set a due date</source>
        <translation>Установити термін</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="113"/>
        <source>Status</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="114"/>
        <source>Notes</source>
        <translation>Нотатки</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="119"/>
        <source>by</source>
        <translation>до</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="120"/>
        <source>Due date</source>
        <translation>Термін</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="122"/>
        <source>&amp;Open the resource</source>
        <translation>&amp;Відкрити матеріал</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="199"/>
        <source>&amp;Home</source>
        <translation>&amp;Головна</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="200"/>
        <source>Sa&amp;ve the plan</source>
        <translation>З&amp;берегти план</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="201"/>
        <source>&amp;Export as PDF…</source>
        <translation>&amp;Експорт у PDF…</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="202"/>
        <source>&amp;Print…</source>
        <translation>Др&amp;ук…</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="139"/>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <location filename="../plan_step_editor.py" line="141"/>
        <source>on this computer</source>
        <translation>на цьому компʼютері</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="286"/>
        <source>Development plan of %1</source>
        <translation>План розвитку: %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="341"/>
        <source>Not saved yet</source>
        <translation>Ще не збережено</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="341"/>
        <source>Saved</source>
        <translation>Збережено</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="385"/>
        <source>Finish a check first: suggestions come from its results.</source>
        <translation>Спершу завершіть перевірку: пропозиції ґрунтуються на її результатах.</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="375"/>
        <source>Every suggested step is already in the plan.</source>
        <translation>Усі запропоновані кроки вже є в плані.</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="65"/>
        <source>target already reached in the quick scan of %1</source>
        <translation>ціль уже досягнуто за швидкою перевіркою від %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="67"/>
        <source>target already reached in the check of %1</source>
        <translation>ціль уже досягнуто за перевіркою від %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="194"/>
        <source>Bring the step &amp;back</source>
        <translation>&amp;Повернути крок</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="195"/>
        <source>Move the step up</source>
        <translation>Перемістити крок вище</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="196"/>
        <source>Move the step down</source>
        <translation>Перемістити крок нижче</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="253"/>
        <source>Suggested from the quick scan of %1, which is rough; a full check is surer.</source>
        <translation>Запропоновано за швидкою перевіркою від %1, а вона приблизна; повна перевірка точніша.</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="387"/>
        <source>Nothing to suggest from the areas the latest check measured. You can add a step of your own.</source>
        <translation>Немає чого пропонувати у сферах, які виміряла остання перевірка. Можете додати власний крок.</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="391"/>
        <source>Nothing to suggest: the latest check meets every goal for your role. You can add a step of your own.</source>
        <translation>Немає чого пропонувати: остання перевірка досягає кожної цілі для вашої ролі. Можете додати власний крок.</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="502"/>
        <source>No program on this computer opens this file. It is here: %1</source>
        <translation>На цьому компʼютері немає програми, що відкриває такий файл. Він лежить тут: %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="507"/>
        <source>Online resource (needs the internet): %1</source>
        <translation>Ресурс в інтернеті (потрібне зʼєднання): %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="526"/>
        <source>PDF saved as %1</source>
        <translation>PDF збережено у файл %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="527"/>
        <source>On a shared computer, take the file with you or delete it when you are done.</source>
        <translation>На спільному компʼютері заберіть файл із собою або видаліть його, коли він стане непотрібним.</translation>
    </message>
</context>
<context>
    <name>PlanPrint</name>
    <message>
        <location filename="../plan_output.py" line="72"/>
        <source>Print the plan</source>
        <translation>Друк плану</translation>
    </message>
</context>
<context>
    <name>Programme</name>
    <message>
        <location filename="../coordinator/programme.py" line="157"/>
        <source>R&amp;egion:</source>
        <translation>Р&amp;егіон:</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="158"/>
        <source>&amp;Hub:</source>
        <translation>&amp;У хабі:</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="159"/>
        <source>Programme figures for a region</source>
        <translation>Показники програми для регіону</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="160"/>
        <source>Programme figures for a hub</source>
        <translation>Показники програми для хабу</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="161"/>
        <source>Checks si&amp;nce:</source>
        <translation>Перевірки почи&amp;наючи з:</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="162"/>
        <source>Only checks finished since a date</source>
        <translation>Лише перевірки, завершені від дати</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="163"/>
        <source>First day of the checks counted</source>
        <translation>Перший день перевірок, що враховуються</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="164"/>
        <source>Sh&amp;ow the figures</source>
        <translation>Показати &amp;цифри</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="165"/>
        <source>Show the figures</source>
        <translation>Показати цифри</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="166"/>
        <source>The programme&apos;s figures</source>
        <translation>Показники програми</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="167"/>
        <location filename="../coordinator/programme.py" line="198"/>
        <source>Working out the figures…</source>
        <translation>Обчислення показників…</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="168"/>
        <source>Self-rating before and after</source>
        <translation>Самооцінка до й після</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="169"/>
        <source>Shown level by area</source>
        <translation>Показаний рівень за сферами</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="170"/>
        <source>Below the role&apos;s target by area</source>
        <translation>Нижче від цілі ролі за сферами</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="171"/>
        <source>Said more than they showed by area</source>
        <translation>Оцінили себе вище, ніж показали, за сферами</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="172"/>
        <source>Trainees, hubs and checks by region</source>
        <translation>Слухачі, хаби й перевірки за регіонами</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="173"/>
        <source>Hardest questions</source>
        <translation>Найважчі питання</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="174"/>
        <source>Below the role&apos;s target by competence</source>
        <translation>Нижче від цілі ролі за компетентностями</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="176"/>
        <source>Competence</source>
        <translation>Компетентність</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="176"/>
        <source>Area</source>
        <translation>Сфера</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="177"/>
        <source>Below target</source>
        <translation>Нижче цілі</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="177"/>
        <source>95% interval</source>
        <translation>95&#xa0;% інтервал</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="179"/>
        <source>Region</source>
        <translation>Регіон</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="179"/>
        <source>Trainees</source>
        <translation>Слухачі</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="180"/>
        <source>Hubs</source>
        <translation>Хаби</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="180"/>
        <source>Checks</source>
        <translation>Перевірки</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="181"/>
        <source>Question</source>
        <translation>Питання</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="182"/>
        <source>Answers</source>
        <translation>Відповіді</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="183"/>
        <source>Fully right</source>
        <translation>Цілком правильно</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="198"/>
        <source>Choose a region or a hub, or none for everyone, then Show the figures.</source>
        <translation>Виберіть регіон чи хаб (або нічого — для всіх), тоді натисніть «Показати цифри».</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="232"/>
        <source>All regions</source>
        <translation>Усі регіони</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="244"/>
        <source>All hubs</source>
        <translation>Усі хаби</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="255"/>
        <source>all regions</source>
        <translation>усі регіони</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="257"/>
        <source>all hubs</source>
        <translation>усі хаби</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="259"/>
        <source>checks since %1</source>
        <translation>перевірки з %1</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="268"/>
        <source>Figures for: %1.</source>
        <translation>Цифри для: %1.</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="270"/>
        <source>Your new choice is not shown yet: press Show the figures.</source>
        <translation>Ваш новий вибір ще не показано: натисніть «Показати цифри».</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="400"/>
        <source>Trainees: %1; hubs: %2; finished checks: %3.</source>
        <translation>Слухачів: %1; хабів: %2; завершених перевірок: %3.</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="390"/>
        <source>Rate their digital skills 7–10 of 10: %1 before (95% interval %2), %3 after (%4); %5 people with a first and a later check.</source>
        <translation>Оцінюють свої цифрові навички на 7–10 із 10: %1 до (95&#xa0;% інтервал %2), %3 після (%4); людей із першою й пізнішою перевіркою — %5.</translation>
    </message>
    <message>
        <location filename="../coordinator/programme.py" line="396"/>
        <source>No one in this selection has a first check and a later one at least %1 days on, both with a self-rating, so there is nothing to compare yet.</source>
        <translation>Ні в кого в цій вибірці ще немає двох перевірок із самооцінкою (першої та пізнішої, щонайменше через %1 днів), тож порівнювати поки нічого.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../widgets.py" line="85"/>
        <source>%p%</source>
        <comment>a progress bar&apos;s share; %p: the number</comment>
        <translation>%p&#xa0;%</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../qt_texts.py" line="10"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Шукати в:</translation>
    </message>
    <message>
        <location filename="../qt_texts.py" line="11"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Тип файлів:</translation>
    </message>
</context>
<context>
    <name>Quiz</name>
    <message>
        <location filename="../quiz_view.py" line="143"/>
        <source>&amp;Pause and leave</source>
        <translation>&amp;Призупинити й вийти</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="144"/>
        <source>Pause the check and leave; answers are kept</source>
        <translation>Призупинити перевірку й вийти; відповіді збережено</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="145"/>
        <source>Save and &amp;next</source>
        <translation>Зберегти й &amp;далі</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="146"/>
        <source>Save the answer and show the next question</source>
        <translation>Зберегти відповідь і показати наступне питання</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="148"/>
        <source>Answers</source>
        <translation>Відповіді</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="150"/>
        <source>The question and its answers</source>
        <translation>Питання та відповіді</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="229"/>
        <source>How well does this describe you?</source>
        <translation>Наскільки це про вас?</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="231"/>
        <source>Choose every answer that is right.</source>
        <translation>Виберіть усі правильні відповіді.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="233"/>
        <source>Choose one answer.</source>
        <translation>Виберіть одну відповідь.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="254"/>
        <source>I don&apos;t know</source>
        <translation>Не знаю</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="360"/>
        <source>Your level is not clear yet, so a few more questions are needed.</source>
        <translation>Ваш рівень ще не ясний, тож потрібно ще кілька питань.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="438"/>
        <source>Choose an answer first: press its number, or Space on it.</source>
        <translation>Спершу виберіть відповідь: натисніть її номер або пробіл на ній.</translation>
    </message>
    <message numerus="yes">
        <location filename="../quiz_view.py" line="67"/>
        <source>%n answered</source>
        <translation>
            <numerusform>%n відповідь дано</numerusform>
            <numerusform>%n відповіді дано</numerusform>
            <numerusform>%n відповідей дано</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../quiz_view.py" line="70"/>
        <source>questions left: about %n</source>
        <translation>
            <numerusform>лишилося приблизно %n питання</numerusform>
            <numerusform>лишилося приблизно %n питання</numerusform>
            <numerusform>лишилося приблизно %n питань</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="334"/>
        <source>Keys: 1–%1 choose an answer, 0 = I don&apos;t know, arrows move, Enter saves, Esc pauses.</source>
        <translation>Клавіші: 1–%1 — вибрати відповідь, 0 — «Не знаю», стрілки — рухатися, Enter — зберегти, Esc — призупинити.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="337"/>
        <source>Keys: 1–%1 choose an answer, arrows move, Enter saves, Esc pauses.</source>
        <translation>Клавіші: 1–%1 — вибрати відповідь, стрілки — рухатися, Enter — зберегти, Esc — призупинити.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="367"/>
        <source>no more questions</source>
        <translation>питань більше немає</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="373"/>
        <source>questions left: about %1–%2</source>
        <translation>лишилося приблизно %1–%2 питань</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <location filename="../rating_dialog.py" line="16"/>
        <source>Your own view</source>
        <translation>Ваша власна думка</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="19"/>
        <source>Now that the check is over:</source>
        <translation>Тепер, коли перевірку завершено:</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="21"/>
        <source>Before we begin:</source>
        <translation>Перш ніж почати:</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="26"/>
        <source>How do you rate your &amp;digital skills, from 1 (very low) to 10 (excellent)?</source>
        <translation>Як ви оцінюєте свої &amp;цифрові навички — від 1 (дуже низько) до 10 (чудово)?</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="39"/>
        <source>Your rating of your digital skills, 1 to 10</source>
        <translation>Ваша оцінка своїх цифрових навичок, від 1 до 10</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="43"/>
        <source>Type a number from 1 to 10, or press Skip.</source>
        <translation>Введіть число від 1 до 10 або натисніть «Пропустити».</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="49"/>
        <source>S&amp;kip</source>
        <translation>&amp;Пропустити</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="50"/>
        <source>Skip this question</source>
        <translation>Пропустити це питання</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <location filename="../restore_offer.py" line="38"/>
        <location filename="../restore_offer.py" line="44"/>
        <location filename="../restore_offer.py" line="55"/>
        <location filename="../restore_offer.py" line="68"/>
        <source>Put a backup back</source>
        <translation>Повернути резервну копію</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="40"/>
        <source>Digigram keeps a backup of the data. The newest sound one was made on %1 at %2. Put it back? What was saved after it is not in it; the damaged file is kept aside, not deleted.</source>
        <translation>Digigram зберігає резервні копії даних. Найновішу справну зроблено %1 о %2. Повернути її? Того, що збережено після неї, у ній немає; пошкоджений файл буде відкладено, не видалено.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="45"/>
        <source>&amp;Put the backup back</source>
        <translation>&amp;Повернути резервну копію</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="46"/>
        <source>&amp;Close Digigram</source>
        <translation>&amp;Закрити Digigram</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="57"/>
        <source>Backup put back</source>
        <translation>Резервну копію повернуто</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="69"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="74"/>
        <source>Checking backup %1 of %2…</source>
        <translation>Перевіряємо резервну копію %1 з %2…</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="100"/>
        <source>%1 No sound backup of it was found: ask your hub&apos;s coordinator for help.</source>
        <translation>%1 Справної резервної копії не знайдено: зверніться по допомогу до координатора хабу.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="113"/>
        <source>Looking for a sound backup…</source>
        <translation>Шукаємо справну резервну копію…</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="137"/>
        <source>Putting the backup back…</source>
        <translation>Повертаємо резервну копію…</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="151"/>
        <source>The backup is back.</source>
        <translation>Резервну копію повернуто.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="153"/>
        <source>The backup is back. The damaged file was kept as %1.</source>
        <translation>Резервну копію повернуто. Пошкоджений файл збережено як %1.</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <location filename="../results_view.py" line="164"/>
        <source>Overview</source>
        <translation>Огляд</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="165"/>
        <source>By competence</source>
        <translation>За компетентностями</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="166"/>
        <source>Answers to review</source>
        <translation>Відповіді для розбору</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="167"/>
        <source>Result pages</source>
        <translation>Сторінки результатів</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="169"/>
        <source>&amp;Levels per area (the same as the chart, as a table):</source>
        <translation>&amp;Рівні за сферами (те саме, що на діаграмі, у вигляді таблиці):</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="171"/>
        <source>Levels per area</source>
        <translation>Рівні за сферами</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="172"/>
        <source>✓ target reached; ▼ below the target.</source>
        <translation>✓ — ціль досягнуто; ▼ — нижче від цілі.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="175"/>
        <source>Area</source>
        <translation>Сфера</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="176"/>
        <source>Level, how likely (likely range)</source>
        <translation>Рівень, його ймовірність (імовірний діапазон)</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="177"/>
        <source>Target for your role</source>
        <translation>Ціль для вашої ролі</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="178"/>
        <source>Compared with the target</source>
        <translation>Порівняно з ціллю</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="179"/>
        <source>What you said about yourself</source>
        <translation>Що ви сказали про себе</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="182"/>
        <source>Overview: chart and table of levels</source>
        <translation>Огляд: діаграма й таблиця рівнів</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="183"/>
        <source>Chart: your level per area against the target</source>
        <translation>Діаграма: ваш рівень у кожній сфері порівняно з ціллю</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="184"/>
        <source>The chart appears here.</source>
        <translation>Тут зʼявиться діаграма.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="185"/>
        <source>Answers per competence</source>
        <translation>Відповіді за компетентностями</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="189"/>
        <source>Competence and question</source>
        <translation>Компетентність і питання</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="189"/>
        <source>Result and answer</source>
        <translation>Результат і відповідь</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="192"/>
        <source>Questions answered wrongly, with the right answer</source>
        <translation>Питання з неправильною відповіддю та правильна відповідь</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="194"/>
        <source>&amp;Home</source>
        <translation>&amp;Головна</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="195"/>
        <source>Make a development &amp;plan</source>
        <translation>Скласти &amp;план розвитку</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="226"/>
        <source>Results of %1: %2, %3</source>
        <translation>Результати: %1 — %2, %3</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="265"/>
        <source>%1: you rated yourself higher than your answers to the questions showed. That is very common; the plan can help close the difference.</source>
        <translation>%1: ви оцінили себе вище, ніж показали відповіді на питання. Так буває дуже часто; план допоможе цю різницю подолати.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="274"/>
        <source>%1: your answers showed more than you gave yourself credit for. You may know more than you think.</source>
        <translation>%1: ваші відповіді показали більше, ніж ви собі приписали. Можливо, ви знаєте більше, ніж думаєте.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="368"/>
        <source>What you chose:</source>
        <translation>Ви обрали:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="369"/>
        <source>The best action:</source>
        <translation>Найкраща дія:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="371"/>
        <source>Your answers:</source>
        <translation>Ваші відповіді:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="372"/>
        <source>Your answer:</source>
        <translation>Ваша відповідь:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="373"/>
        <source>Right answers:</source>
        <translation>Правильні відповіді:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="374"/>
        <source>Right answer:</source>
        <translation>Правильна відповідь:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="385"/>
        <source>Nothing to review: every question was answered right.</source>
        <translation>Розбирати нічого: на всі питання ви відповіли правильно.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="35"/>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="43"/>
        <source>Interface language</source>
        <translation>Мова інтерфейсу</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="48"/>
        <source>%</source>
        <comment>after the text size in per cent</comment>
        <translation>&#xa0;%</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="50"/>
        <source>Text size in per cent</source>
        <translation>Розмір тексту у відсотках</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="51"/>
        <source>&amp;High contrast (light text on black)</source>
        <translation>&amp;Висока контрастність (світлий текст на чорному)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="53"/>
        <source>High contrast</source>
        <translation>Висока контрастність</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="55"/>
        <source>&amp;Language:</source>
        <translation>&amp;Мова:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="56"/>
        <source>&amp;Text size:</source>
        <translation>&amp;Розмір тексту:</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../coordinator/sync.py" line="114"/>
        <source>Sync with the region</source>
        <translation>Синхронізація з регіоном</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="124"/>
        <source>Address of the regional database</source>
        <translation>Адреса регіональної бази</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="130"/>
        <source>&amp;Regional database:</source>
        <translation>&amp;Регіональна база:</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="135"/>
        <source>Sync progress</source>
        <translation>Хід синхронізації</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="144"/>
        <source>&amp;Sync</source>
        <translation>&amp;Синхронізувати</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="145"/>
        <source>Start the sync</source>
        <translation>Почати синхронізацію</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="146"/>
        <location filename="../coordinator/sync.py" line="181"/>
        <source>&amp;Cancel</source>
        <translation>Скасуват&amp;и</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="147"/>
        <source>Cancel the sync</source>
        <translation>Скасувати синхронізацію</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="175"/>
        <source>Give the address of the regional database first.</source>
        <translation>Спершу вкажіть адресу регіональної бази.</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="63"/>
        <source>Preparing what to send…</source>
        <translation>Готуємо те, що треба надіслати…</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="62"/>
        <location filename="../coordinator/sync.py" line="177"/>
        <source>Connecting to the regional database…</source>
        <translation>Зʼєднуємося з регіональною базою…</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="117"/>
        <source>Sends the finished checks and plans on this computer that the regional database does not have yet. The password is not typed here: it is kept in a PostgreSQL service file or a PGPASSFILE, which the region&apos;s administrator sets up.</source>
        <translation>Надсилає завершені перевірки й плани з цього компʼютера, яких ще немає в регіональній базі. Пароль тут не вводять: він зберігається у службовому файлі PostgreSQL або в PGPASSFILE, які налаштовує адміністратор регіону.</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="198"/>
        <source>Cancelling… nothing is kept from this sync.</source>
        <translation>Скасовуємо… з цієї синхронізації нічого не буде збережено.</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="209"/>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 з %3</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="215"/>
        <source>Sent to the regional database:</source>
        <translation>Надіслано до регіональної бази:</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="217"/>
        <source>%1: %2 new, %3 already there</source>
        <translation>%1: нових — %2, уже були — %3</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="240"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрити</translation>
    </message>
    <message>
        <location filename="../coordinator/sync.py" line="241"/>
        <source>&amp;Sync again</source>
        <translation>Синхронізувати &amp;знову</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../texts.py" line="45"/>
        <source>no target set</source>
        <translation>ціль не встановлено</translation>
    </message>
    <message>
        <location filename="../texts.py" line="47"/>
        <source>target reached</source>
        <translation>ціль досягнуто</translation>
    </message>
    <message numerus="yes">
        <location filename="../texts.py" line="22"/>
        <source>%n level(s) below the target</source>
        <translation>
            <numerusform>на %n рівень нижче від цілі</numerusform>
            <numerusform>на %n рівні нижче від цілі</numerusform>
            <numerusform>на %n рівнів нижче від цілі</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../texts.py" line="77"/>
        <source>%1 chance below</source>
        <translation>нижче — з імовірністю %1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="94"/>
        <source>not shown yet: no question here was answered right</source>
        <translation>ще не показано: на жодне питання тут ще не відповіли правильно</translation>
    </message>
    <message>
        <location filename="../texts.py" line="96"/>
        <source>target reached by the area&apos;s level; the answers here have not shown it yet</source>
        <translation>ціль досягнуто за рівнем сфери; відповіді тут її ще не показали</translation>
    </message>
    <message>
        <location filename="../texts.py" line="104"/>
        <source>I don&apos;t know</source>
        <translation>Не знаю</translation>
    </message>
    <message>
        <location filename="../texts.py" line="110"/>
        <source>(nothing chosen)</source>
        <translation>(нічого не вибрано)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="133"/>
        <source>Over all areas together, what you said about yourself is close to what your answers showed. The two levels differ in: %1.</source>
        <translation>За всіма сферами разом те, що ви сказали про себе, близьке до того, що показали ваші відповіді. Ці два рівні різняться тут: %1.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="135"/>
        <source>Over all areas together, their self-ratings are close to what their answers showed. The two levels differ in: %1.</source>
        <translation>За всіма сферами разом їхня самооцінка близька до того, що показали відповіді. Ці два рівні різняться тут: %1.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="139"/>
        <source>What you said about yourself fits what your answers showed.</source>
        <translation>Те, що ви сказали про себе, збігається з тим, що показали ваші відповіді.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="140"/>
        <source>Their self-ratings fit what their answers showed.</source>
        <translation>Їхня самооцінка збігається з тим, що показали відповіді.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="143"/>
        <source>Overall you rated yourself higher than your answers showed. Most people do, so this is nothing to worry about; your levels come from your answers, and the plan starts there.</source>
        <translation>Загалом ви оцінили себе вище, ніж показали відповіді. Так буває в більшості людей, тож хвилюватися нема про що: рівні визначено за вашими відповідями, і план розвитку починається саме з них.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="148"/>
        <source>Rated themselves higher than their answers showed, over all areas together. This is common; a friendly talk about the answers to review may help.</source>
        <translation>Загалом за всіма сферами оцінили себе вище, ніж показали відповіді. Так буває часто; може допомогти доброзичлива розмова про відповіді для розбору.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="154"/>
        <source>Overall your answers showed more than you gave yourself credit for. You may know more than you think.</source>
        <translation>Загалом ваші відповіді показали більше, ніж ви собі приписали. Можливо, ви знаєте більше, ніж думаєте.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="159"/>
        <source>Their answers showed more than they gave themselves credit for, over all areas together. Encouragement may help.</source>
        <translation>Загалом за всіма сферами відповіді показали більше, ніж вони собі приписали. Може допомогти підбадьорення.</translation>
    </message>
</context>
<context>
    <name>Trainee</name>
    <message>
        <location filename="../coordinator/trainee.py" line="133"/>
        <source>&amp;Back to the dashboard</source>
        <translation>&amp;Назад до панелі координатора</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="134"/>
        <source>Individual report as P&amp;DF…</source>
        <translation>Особистий звіт у P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="135"/>
        <source>&amp;All data of this person…</source>
        <translation>&amp;Усі дані цієї людини…</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="136"/>
        <source>De&amp;lete this person…</source>
        <translation>В&amp;идалити цю людину…</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="139"/>
        <source>&amp;Gap chart</source>
        <translation>&amp;Рівні й цілі</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="140"/>
        <source>&amp;History</source>
        <translation>&amp;Історія</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="141"/>
        <source>&amp;Plan and comments</source>
        <translation>&amp;План і коментарі</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="142"/>
        <source>Trainee pages</source>
        <translation>Сторінки слухача</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="143"/>
        <source>Chart: level per area at the latest check</source>
        <translation>Діаграма: рівень за сферами на останній перевірці</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="144"/>
        <source>Gap chart, and what was said beside it</source>
        <translation>Діаграма відставання і поруч — що сказано</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="145"/>
        <source>The plan&apos;s steps, each with a comment</source>
        <translation>Кроки плану, кожен із коментарем</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="146"/>
        <source>No finished check yet.</source>
        <translation>Ще немає завершеної перевірки.</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="148"/>
        <source>S&amp;teps of the plan:</source>
        <translation>&amp;Кроки плану:</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="149"/>
        <source>Steps of the plan</source>
        <translation>Кроки плану</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="150"/>
        <source>&amp;Your comment on this step:</source>
        <translation>&amp;Ваш коментар до цього кроку:</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="151"/>
        <source>Coordinator&apos;s comment on this step</source>
        <translation>Коментар координатора до цього кроку</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="152"/>
        <source>&amp;Save the comment</source>
        <translation>&amp;Зберегти коментар</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="153"/>
        <source>Save the comment</source>
        <translation>Зберегти коментар</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="195"/>
        <source>group %1</source>
        <translation>група %1</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="231"/>
        <source>said %1</source>
        <translation>сказано %1</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="235"/>
        <source>Shown and said:
%1</source>
        <translation>Показано і сказано:
%1</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="260"/>
        <source>with your comment</source>
        <translation>з вашим коментарем</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="268"/>
        <source>No development plan saved yet.</source>
        <translation>План розвитку ще не збережено.</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="281"/>
        <source>Competence: %1</source>
        <translation>Компетентність: %1</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="283"/>
        <source>Trainee&apos;s notes: %1</source>
        <translation>Нотатки слухача: %1</translation>
    </message>
    <message>
        <location filename="../coordinator/trainee.py" line="303"/>
        <source>Comment saved.</source>
        <translation>Коментар збережено.</translation>
    </message>
</context>
<context>
    <name>WorkDialog</name>
    <message>
        <location filename="../widgets.py" line="162"/>
        <source>Stopping…</source>
        <translation>Зупиняємо…</translation>
    </message>
</context>
</TS>
