#include "ledger/eventrecord.h"

#include <QTest>

using namespace burnrate;

class TestEventRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sealKeepsEveryTextFieldAsUtf8_data();
    void sealKeepsEveryTextFieldAsUtf8();
};

void TestEventRecord::sealKeepsEveryTextFieldAsUtf8_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("short ASCII") << QStringLiteral("gpt-5");
    QTest::newRow("eight ASCII") << QStringLiteral("12345678");
    QTest::newRow("long ASCII") << QStringLiteral("/home/dev/src/proj-06-j2MF/and/a/longer/path");
    QTest::newRow("non-ASCII first") << QStringLiteral("Été/projet");
    QTest::newRow("non-ASCII after eight") << QStringLiteral("/home/dev/Проект/naïve");
    QTest::newRow("non-ASCII at the end of eight") << QStringLiteral("abcdefgé");
    QTest::newRow("ASCII DEL and U+0080") << QStringLiteral("abcdefg\u007f\u0080xyz");
    QTest::newRow("surrogate pair") << QStringLiteral("tag 🔥 after an emoji, then more ASCII text");
}

// Each text column bound from the sealed record is the field's UTF-8, null stays null, and sealing
// does not change the fingerprint.
void TestEventRecord::sealKeepsEveryTextFieldAsUtf8()
{
    QFETCH(QString, text);
    EventRecord e;
    e.source = QStringLiteral("claude-code");
    e.sourceKey = QStringLiteral("req_011C/msg_01") + text;
    e.provider = QStringLiteral("anthropic");
    e.model = text;
    e.conversationId = QStringLiteral("2e5f83f0-1b95-45ac-afce-7443d7c13409");
    e.project = text + text;
    e.tagsJson = text.isEmpty() ? QString() : QStringLiteral("{\"k\":\"") + text + QStringLiteral("\"}");
    e.priceRef = QStringLiteral("book:") + text;
    e.tokens.output = 42;
    const std::uint64_t before = e.fingerprint();
    e.seal();
    QVERIFY(e.sealedText);
    const SealedText &t = *e.sealedText;
    const std::pair<SealedText::Field, const QString *> fields[] = {
        {SealedText::Source, &e.source},     {SealedText::SourceKey, &e.sourceKey},
        {SealedText::Provider, &e.provider}, {SealedText::Model, &e.model},
        {SealedText::Project, &e.project},   {SealedText::ConversationId, &e.conversationId},
        {SealedText::TagsJson, &e.tagsJson}, {SealedText::PriceRef, &e.priceRef},
        {SealedText::Agent, &e.agent},       {SealedText::ServiceTier, &e.serviceTier}};
    for (const auto &[field, value] : fields) {
        QCOMPARE(QByteArray(t.view(field).data(), static_cast<qsizetype>(t.view(field).size())), value->toUtf8());
        QCOMPARE(t.isNull[field], value->isNull());
    }
    QCOMPARE(e.fingerprint(), before);
}

QTEST_GUILESS_MAIN(TestEventRecord)
#include "tst_eventrecord.moc"
