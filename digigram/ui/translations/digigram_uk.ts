<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>Errors</name>
    <message>
        <location filename="../errors.py" line="30"/>
        <source>Something needs your attention</source>
        <translation>Зверніть увагу</translation>
    </message>
    <message>
        <location filename="../errors.py" line="32"/>
        <source>Problem message</source>
        <translation>Повідомлення про проблему</translation>
    </message>
    <message>
        <location filename="../errors.py" line="82"/>
        <source>Unexpected error</source>
        <translation>Неочікувана помилка</translation>
    </message>
    <message>
        <location filename="../errors.py" line="84"/>
        <source>Something went wrong inside Digigram. Your answers so far are saved. Please tell the person who looks after this computer; the details are in this file:</source>
        <translation>У Діджиграмі щось пішло не так. Відповіді, дані досі, збережено. Будь ласка, повідомте людину, яка доглядає за цим комп&apos;ютером; подробиці записано в цьому файлі:</translation>
    </message>
    <message>
        <location filename="../errors.py" line="92"/>
        <source>Error message</source>
        <translation>Повідомлення про помилку</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../history_view.py" line="31"/>
        <source>Full check</source>
        <translation>Повна перевірка</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="33"/>
        <source>Quick scan</source>
        <translation>Швидка перевірка</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="42"/>
        <source>finished</source>
        <translation>завершено</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="43"/>
        <source>not finished</source>
        <translation>не завершено</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="44"/>
        <source>abandoned</source>
        <translation>покинуто</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="82"/>
        <source>&amp;Checks so far:</source>
        <translation>&amp;Перевірки досі:</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="83"/>
        <source>Checks so far</source>
        <translation>Перевірки досі</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="86"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="87"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="88"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="89"/>
        <source>Own rating before → after</source>
        <translation>Власна оцінка до → після</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="90"/>
        <source>Levels per area</source>
        <translation>Рівні за сферами</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="93"/>
        <source>Chart: each area&apos;s level at each check</source>
        <translation>Діаграма: рівень кожної сфери в кожній перевірці</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="94"/>
        <source>No finished checks yet.</source>
        <translation>Завершених перевірок ще немає.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="95"/>
        <source>&amp;Home</source>
        <translation>&amp;Головна</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="96"/>
        <source>&amp;Open the chosen check&apos;s results</source>
        <translation>&amp;Відкрити результати вибраної перевірки</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="114"/>
        <source>Checks of %1</source>
        <translation>Перевірки: %1</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <location filename="../home.py" line="101"/>
        <source>Digigram: check your digital skills</source>
        <translation>Діджиграм: перевірте свої цифрові навички</translation>
    </message>
    <message>
        <location filename="../home.py" line="103"/>
        <source>Choose your name or add yourself. The check takes about 15–25 minutes; you can pause at any time and continue later. Each answer is saved at once.</source>
        <translation>Виберіть своє ім&apos;я або додайте себе. Перевірка триває приблизно 15–25 хвилин; її можна будь-коли призупинити й продовжити пізніше. Кожну відповідь зберігаємо одразу.</translation>
    </message>
    <message>
        <location filename="../home.py" line="109"/>
        <source>&amp;People on this computer:</source>
        <translation>&amp;Люди на цьому комп&apos;ютері:</translation>
    </message>
    <message>
        <location filename="../home.py" line="110"/>
        <source>People on this computer</source>
        <translation>Люди на цьому комп&apos;ютері</translation>
    </message>
    <message>
        <location filename="../home.py" line="111"/>
        <source>&amp;New person…</source>
        <translation>&amp;Нова людина…</translation>
    </message>
    <message>
        <location filename="../home.py" line="112"/>
        <source>What would you like to do?</source>
        <translation>Що бажаєте зробити?</translation>
    </message>
    <message>
        <location filename="../home.py" line="113"/>
        <source>&amp;Continue the unfinished check</source>
        <translation>&amp;Продовжити незавершену перевірку</translation>
    </message>
    <message>
        <location filename="../home.py" line="114"/>
        <source>Start the &amp;full check</source>
        <translation>Почати &amp;повну перевірку</translation>
    </message>
    <message>
        <location filename="../home.py" line="115"/>
        <source>Start a &amp;quick scan (fewer questions)</source>
        <translation>Почати &amp;швидку перевірку (менше питань)</translation>
    </message>
    <message>
        <location filename="../home.py" line="116"/>
        <source>&amp;Area:</source>
        <translation>С&amp;фера:</translation>
    </message>
    <message>
        <location filename="../home.py" line="117"/>
        <source>Area to check</source>
        <translation>Сфера для перевірки</translation>
    </message>
    <message>
        <location filename="../home.py" line="118"/>
        <source>Check &amp;this area only</source>
        <translation>Перевірити лише &amp;цю сферу</translation>
    </message>
    <message>
        <location filename="../home.py" line="119"/>
        <source>&amp;Results</source>
        <translation>&amp;Результати</translation>
    </message>
    <message>
        <location filename="../home.py" line="120"/>
        <source>Development &amp;plan</source>
        <translation>План &amp;розвитку</translation>
    </message>
    <message>
        <location filename="../home.py" line="121"/>
        <source>&amp;History of checks</source>
        <translation>&amp;Історія перевірок</translation>
    </message>
    <message>
        <location filename="../home.py" line="148"/>
        <source>(PIN)</source>
        <translation>(з PIN)</translation>
    </message>
    <message>
        <location filename="../home.py" line="172"/>
        <source>Choose a person on the left first.</source>
        <translation>Спершу виберіть людину ліворуч.</translation>
    </message>
    <message>
        <location filename="../home.py" line="174"/>
        <source>Selected: %1</source>
        <translation>Вибрано: %1</translation>
    </message>
    <message>
        <location filename="../home.py" line="191"/>
        <source>That PIN is not right. Please try again.</source>
        <translation>PIN не підходить. Спробуйте ще раз.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="113"/>
        <source>Digigram</source>
        <translation>Діджиграм</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>Main toolbar</source>
        <translation>Головна панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115"/>
        <source>Home</source>
        <translation>Головна</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116"/>
        <source>Back to the home screen (Ctrl+H)</source>
        <translation>Назад на головний екран (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117"/>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>Language, text size and contrast</source>
        <translation>Мова, розмір тексту й контраст</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151"/>
        <source>No person chosen</source>
        <translation>Людину не вибрано</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <source>Person: %1</source>
        <translation>Людина: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206"/>
        <source>Each answer is saved as soon as you go on.</source>
        <translation>Кожну відповідь зберігаємо, щойно ви переходите далі.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Check paused. Your answers are saved; choose “Continue” to go on later.</source>
        <translation>Перевірку призупинено. Відповіді збережено; щоб продовжити пізніше, виберіть «Продовжити».</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="239"/>
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
        <location filename="../person_dialog.py" line="37"/>
        <source>New person</source>
        <translation>Нова людина</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="41"/>
        <source>Name</source>
        <translation>Ім&apos;я</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="43"/>
        <source>Hub or library</source>
        <translation>Хаб або бібліотека</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="45"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="50"/>
        <source>PIN (optional)</source>
        <translation>PIN (за бажанням)</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="53"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ім&apos;я:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="54"/>
        <source>&amp;Hub or library:</source>
        <translation>&amp;Хаб або бібліотека:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="55"/>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="56"/>
        <source>&amp;PIN (optional):</source>
        <translation>&amp;PIN (за бажанням):</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="63"/>
        <source>A PIN stops others on this computer from opening your results. Leave it empty if you do not need one.</source>
        <translation>PIN не дасть іншим людям на цьому комп&apos;ютері відкрити ваші результати. Якщо він не потрібен, залиште поле порожнім.</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="73"/>
        <source>&amp;Keep my answers and results on this computer, so that I can see my progress later. They are not sent anywhere. I can ask for them to be deleted at any time.</source>
        <translation>&amp;Зберігати мої відповіді й результати на цьому комп&apos;ютері, щоб пізніше бачити свій поступ. Їх нікуди не надсилають. Я можу будь-коли попросити їх видалити.</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="80"/>
        <source>Consent to keep results on this computer</source>
        <translation>Згода зберігати результати на цьому комп&apos;ютері</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../person_dialog.py" line="120"/>
        <location filename="../person_dialog.py" line="125"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../person_dialog.py" line="122"/>
        <source>&amp;PIN for %1:</source>
        <translation>&amp;PIN для %1:</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <location filename="../plan_view.py" line="42"/>
        <source>Planned</source>
        <translation>Заплановано</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="43"/>
        <source>In progress</source>
        <translation>Виконується</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="44"/>
        <source>Done</source>
        <translation>Виконано</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="50"/>
        <source>(no goal yet)</source>
        <translation>(мету ще не вказано)</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="62"/>
        <source>Save the plan as PDF</source>
        <translation>Зберегти план як PDF</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="159"/>
        <source>S&amp;teps:</source>
        <translation>&amp;Кроки:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="160"/>
        <source>Steps of the plan</source>
        <translation>Кроки плану</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="161"/>
        <source>&amp;Suggest from my results</source>
        <translation>&amp;Запропонувати за моїми результатами</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="162"/>
        <source>&amp;Add a step</source>
        <translation>&amp;Додати крок</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="163"/>
        <source>Remo&amp;ve the step</source>
        <translation>&amp;Вилучити крок</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="165"/>
        <source>&amp;Goal:</source>
        <translation>&amp;Мета:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="166"/>
        <source>&amp;Competence:</source>
        <translation>&amp;Компетентність:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="167"/>
        <source>&amp;Resource:</source>
        <translation>&amp;Ресурс:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="168"/>
        <source>&amp;Due date:</source>
        <translation>&amp;Термін:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="169"/>
        <source>S&amp;tatus:</source>
        <translation>&amp;Стан:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="170"/>
        <source>N&amp;otes:</source>
        <translation>&amp;Нотатки:</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="173"/>
        <source>Goal</source>
        <translation>Мета</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="174"/>
        <source>Competence</source>
        <translation>Компетентність</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="175"/>
        <source>Resource</source>
        <translation>Ресурс</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="176"/>
        <source>Set a due date</source>
        <translation>Установити термін</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="177"/>
        <source>Status</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="178"/>
        <source>Notes</source>
        <translation>Нотатки</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="184"/>
        <source>by</source>
        <translation>до</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="185"/>
        <source>Due date</source>
        <translation>Термін</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="186"/>
        <source>&amp;Open the handout</source>
        <translation>&amp;Відкрити матеріал</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="187"/>
        <source>&amp;Home</source>
        <translation>&amp;Головна</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="188"/>
        <source>Sa&amp;ve the plan</source>
        <translation>З&amp;берегти план</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="189"/>
        <source>&amp;Export as PDF…</source>
        <translation>&amp;Експорт у PDF…</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="190"/>
        <source>&amp;Print…</source>
        <translation>Д&amp;рук…</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="209"/>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="211"/>
        <source>on this computer</source>
        <translation>на цьому комп&apos;ютері</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="228"/>
        <source>Development plan of %1</source>
        <translation>План розвитку: %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="299"/>
        <source>Not saved yet</source>
        <translation>Ще не збережено</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="299"/>
        <source>Saved</source>
        <translation>Збережено</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="307"/>
        <source>Finish a check first: suggestions come from its results.</source>
        <translation>Спершу завершіть перевірку: пропозиції ґрунтуються на її результатах.</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="369"/>
        <source>Online resource (needs the internet): %1</source>
        <translation>Ресурс в інтернеті (потрібне з&apos;єднання): %1</translation>
    </message>
    <message>
        <location filename="../plan_view.py" line="380"/>
        <source>Saved as %1</source>
        <translation>Збережено у файл %1</translation>
    </message>
</context>
<context>
    <name>PlanPrint</name>
    <message>
        <location filename="../plan_output.py" line="57"/>
        <source>Development plan</source>
        <translation>План розвитку</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="58"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="59"/>
        <source>Where you stand</source>
        <translation>Де ви зараз</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="60"/>
        <source>Area</source>
        <translation>Сфера</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="61"/>
        <source>Level</source>
        <translation>Рівень</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="62"/>
        <source>Target</source>
        <translation>Ціль</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="63"/>
        <source>Gap</source>
        <translation>Розрив</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="64"/>
        <source>Steps</source>
        <translation>Кроки</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="65"/>
        <source>No steps yet.</source>
        <translation>Кроків ще немає.</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="95"/>
        <source>Goal</source>
        <translation>Мета</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="96"/>
        <source>Competence</source>
        <translation>Компетентність</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="97"/>
        <source>Resource</source>
        <translation>Ресурс</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="98"/>
        <source>Due</source>
        <translation>Термін</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="99"/>
        <source>Status</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="100"/>
        <source>Notes</source>
        <translation>Нотатки</translation>
    </message>
    <message>
        <location filename="../plan_output.py" line="151"/>
        <source>Print the plan</source>
        <translation>Друк плану</translation>
    </message>
</context>
<context>
    <name>Quiz</name>
    <message>
        <location filename="../quiz_view.py" line="89"/>
        <source>&amp;Pause and leave</source>
        <translation>&amp;Призупинити й вийти</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="90"/>
        <source>Pause the check and leave; answers are kept</source>
        <translation>Призупинити перевірку й вийти; відповіді збережено</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="91"/>
        <source>Save and &amp;next</source>
        <translation>Зберегти й &amp;далі</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="92"/>
        <source>Save the answer and show the next question</source>
        <translation>Зберегти відповідь і показати наступне питання</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="94"/>
        <source>Keys: 1–9 choose an answer, 0 = I don&apos;t know, arrows move, Enter saves, Esc pauses.</source>
        <translation>Клавіші: 1–9 — вибір відповіді, 0 — «Не знаю», стрілки — переміщення, Enter — зберегти, Esc — пауза.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="98"/>
        <source>Answers</source>
        <translation>Відповіді</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="131"/>
        <source>How well does this describe you?</source>
        <translation>Наскільки це про вас?</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="133"/>
        <source>Choose every answer that is right.</source>
        <translation>Виберіть усі правильні відповіді.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="135"/>
        <source>Choose one answer.</source>
        <translation>Виберіть одну відповідь.</translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="154"/>
        <source>I don&apos;t know</source>
        <translation>Не знаю</translation>
    </message>
    <message numerus="yes">
        <location filename="../quiz_view.py" line="178"/>
        <source>%n answered</source>
        <translation>
            <numerusform>%n відповідь дано</numerusform>
            <numerusform>%n відповіді дано</numerusform>
            <numerusform>%n відповідей дано</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../quiz_view.py" line="182"/>
        <source>questions left: about %n</source>
        <translation>
            <numerusform>лишилося приблизно %n питання</numerusform>
            <numerusform>лишилося приблизно %n питання</numerusform>
            <numerusform>лишилося приблизно %n питань</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../quiz_view.py" line="185"/>
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
        <location filename="../rating_dialog.py" line="35"/>
        <source>Your rating of your digital skills, 1 to 10</source>
        <translation>Ваша оцінка своїх цифрових навичок, від 1 до 10</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="40"/>
        <source>S&amp;kip</source>
        <translation>&amp;Пропустити</translation>
    </message>
    <message>
        <location filename="../rating_dialog.py" line="41"/>
        <source>Skip this question</source>
        <translation>Пропустити це питання</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <location filename="../results_view.py" line="84"/>
        <source>Overview</source>
        <translation>Огляд</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="85"/>
        <source>By competence</source>
        <translation>За компетентностями</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="86"/>
        <source>Answers to review</source>
        <translation>Відповіді для розбору</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="87"/>
        <source>Result pages</source>
        <translation>Сторінки результатів</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="89"/>
        <source>&amp;Levels per area (the same as the chart, as a table):</source>
        <translation>&amp;Рівні за сферами (те саме, що на діаграмі, у вигляді таблиці):</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="91"/>
        <source>Levels per area</source>
        <translation>Рівні за сферами</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="94"/>
        <source>Area</source>
        <translation>Сфера</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="95"/>
        <source>Most likely level</source>
        <translation>Найімовірніший рівень</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="96"/>
        <source>Likely range</source>
        <translation>Імовірний діапазон</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="97"/>
        <source>Target for your role</source>
        <translation>Ціль для вашої ролі</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="98"/>
        <source>Compared with the target</source>
        <translation>Порівняно з ціллю</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="112"/>
        <source>Overview: chart and table of levels</source>
        <translation>Огляд: діаграма й таблиця рівнів</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="101"/>
        <source>Chart: your level per area against the target</source>
        <translation>Діаграма: ваш рівень у кожній сфері порівняно з ціллю</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="102"/>
        <source>The chart appears here.</source>
        <translation>Тут з&apos;явиться діаграма.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="103"/>
        <source>Answers per competence</source>
        <translation>Відповіді за компетентностями</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="105"/>
        <source>Competence and question</source>
        <translation>Компетентність і питання</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="105"/>
        <source>Your answer</source>
        <translation>Ваша відповідь</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="108"/>
        <source>Questions answered wrongly, with the right answer</source>
        <translation>Питання з неправильною відповіддю та правильна відповідь</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="110"/>
        <source>&amp;Home</source>
        <translation>&amp;Головна</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="111"/>
        <source>Make a development &amp;plan</source>
        <translation>Скласти &amp;план розвитку</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="138"/>
        <source>Results of %1</source>
        <translation>Результати: %1</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="160"/>
        <source>%1: you rated yourself higher than your answers to the questions showed. That is very common; the plan can help close the difference.</source>
        <translation>%1: ви оцінили себе вище, ніж показали відповіді на питання. Так буває дуже часто; план допоможе цю різницю подолати.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="169"/>
        <source>%1: your answers showed more than you gave yourself credit for. You may know more than you think.</source>
        <translation>%1: ваші відповіді показали більше, ніж ви собі приписали. Можливо, ви знаєте більше, ніж думаєте.</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="216"/>
        <source>Your answer:</source>
        <translation>Ваша відповідь:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="217"/>
        <source>Right answer:</source>
        <translation>Правильна відповідь:</translation>
    </message>
    <message>
        <location filename="../results_view.py" line="235"/>
        <source>Nothing to review: every knowledge question was answered right.</source>
        <translation>Розбирати нічого: на всі питання на знання ви відповіли правильно.</translation>
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
        <location filename="../settings_dialog.py" line="49"/>
        <source>Text size in per cent</source>
        <translation>Розмір тексту у відсотках</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="50"/>
        <source>&amp;High contrast (light text on black)</source>
        <translation>&amp;Висока контрастність (світлий текст на чорному)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="52"/>
        <source>High contrast</source>
        <translation>Висока контрастність</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="54"/>
        <source>&amp;Language:</source>
        <translation>&amp;Мова:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="55"/>
        <source>&amp;Text size:</source>
        <translation>&amp;Розмір тексту:</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../texts.py" line="24"/>
        <source>no target set</source>
        <translation>ціль не встановлено</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>target reached</source>
        <translation>ціль досягнуто</translation>
    </message>
    <message numerus="yes">
        <location filename="../texts.py" line="27"/>
        <source>below the target by levels: %n</source>
        <translation>
            <numerusform>на %n рівень нижче від цілі</numerusform>
            <numerusform>на %n рівні нижче від цілі</numerusform>
            <numerusform>на %n рівнів нижче від цілі</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../texts.py" line="33"/>
        <source>I don&apos;t know</source>
        <translation>Не знаю</translation>
    </message>
    <message>
        <location filename="../texts.py" line="39"/>
        <source>(nothing chosen)</source>
        <translation>(нічого не вибрано)</translation>
    </message>
</context>
</TS>
