<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>Quiz</name>
    <message numerus="yes">
        <location filename="../quiz_view.py" line="66"/>
        <source>%n answered</source>
        <translation>
            <numerusform>%n answered</numerusform>
            <numerusform>%n answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../quiz_view.py" line="69"/>
        <source>questions left: about %n</source>
        <translation>
            <numerusform>questions left: about %n</numerusform>
            <numerusform>questions left: about %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message numerus="yes">
        <location filename="../texts.py" line="19"/>
        <source>%n level(s) below the target</source>
        <translation>
            <numerusform>%n level below the target</numerusform>
            <numerusform>%n levels below the target</numerusform>
        </translation>
    </message>
</context>
</TS>
