// docs/event-envelope.md against the importer: every example of §5 is accepted and stored as the document says,
// and the rejected lines §6.1 shows for tests/fixtures/events/sample.jsonl are what the importer reports, so the
// document cannot drift from the code unnoticed.
#include "fixturetest.h"
#include "importers/eventimporter.h"
#include "ledger/database.h"
#include "ledger/ledger.h"

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QString Document = QStringLiteral(BURNRATE_SOURCE_DIR "/docs/event-envelope.md");

struct Block
{
    QString language;
    QByteArray text;
};

// The fenced code blocks between the heading that starts with `from` and the next one that starts with `to`.
QList<Block> blocksOfSection(const QString &doc, const QString &from, const QString &to)
{
    const qsizetype start = doc.indexOf(QStringLiteral("\n") + from);
    const qsizetype end = doc.indexOf(QStringLiteral("\n") + to, start + 1);
    if (start < 0 || end < 0) {
        return {};
    }
    static const QRegularExpression fence(QStringLiteral("```(\\w*)\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    QList<Block> blocks;
    auto it = fence.globalMatch(doc.mid(start, end - start));
    while (it.hasNext()) {
        const auto m = it.next();
        blocks.append({m.captured(1), m.captured(2).toUtf8()});
    }
    return blocks;
}

} // namespace

class TestEnvelopeDocs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void examplesAreAcceptedAsDescribed();
    void rejectedLinesAreThoseOfTheSample();

private:
    std::int64_t count(const QByteArray &sql) { return m_ledger->db().queryInt64(sql.constData()).value_or(-1); }
    ImportSummary import(const QByteArray &text, EventImporter::Format format);

    QString m_doc;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestEnvelopeDocs::initTestCase()
{
    REQUIRE_FIXTURES({QStringLiteral("events/sample.jsonl")});
    QFile doc(Document);
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(Document + QStringLiteral(": ") + doc.errorString()));
    m_doc = QString::fromUtf8(doc.readAll());
}

void TestEnvelopeDocs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
}

void TestEnvelopeDocs::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

ImportSummary TestEnvelopeDocs::import(const QByteArray &text, EventImporter::Format format)
{
    QByteArray bytes = text;
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    ImportSummary s;
    const Status status =
        EventImporter(*m_ledger, QStringLiteral("docs")).importDevice(device, QStringLiteral("<doc>"), format, s);
    if (!status) {
        qWarning("%s", qPrintable(status.error()));
        s.rejected = -1;
    }
    for (const ImportIssue &issue : s.issues) {
        qWarning("%s: %s", qPrintable(issue.location), qPrintable(issue.reason));
    }
    return s;
}

void TestEnvelopeDocs::examplesAreAcceptedAsDescribed()
{
    const QList<Block> blocks = blocksOfSection(m_doc, QStringLiteral("## 5."), QStringLiteral("## 6."));
    QByteArray jsonl;
    QByteArray csv;
    for (const Block &b : blocks) {
        if (b.language == QLatin1String("json")) {
            jsonl += b.text;
        } else if (b.language == QLatin1String("csv")) {
            QVERIFY2(csv.isEmpty(), "one CSV example expected");
            csv = b.text;
        }
    }
    QCOMPARE(jsonl.count('\n'), 4); // minimal, full, OpenAI-style, Anthropic-style
    QVERIFY(!csv.isEmpty());

    const ImportSummary lines = import(jsonl, EventImporter::Format::Jsonl);
    QCOMPARE(lines.rejected, 0);
    QCOMPARE(lines.inserted, 4);
    const ImportSummary table = import(csv, EventImporter::Format::Csv);
    QCOMPARE(table.rejected, 0);
    QCOMPARE(table.inserted, 3);

    // What the document says each example becomes in the ledger.
    QCOMPARE(count("SELECT occurred_at FROM events WHERE source_key = 'req-7f3a'"), 1793638800250LL);
    QCOMPARE(count("SELECT input_uncached FROM events WHERE source_key = 'req-7f3a'"), 1400);
    QCOMPARE(count("SELECT cache_read FROM events WHERE source_key = 'req-7f3a'"), 9000);
    QCOMPARE(count("SELECT cache_write_5m FROM events WHERE source_key = 'req-7f3a'"), 2000);
    QCOMPARE(count("SELECT tags = '{\"beta\":\"true\",\"team\":\"support\",\"tenant\":\"acme\"}' FROM events "
                   "WHERE source_key = 'req-7f3a'"),
             1);
    QCOMPARE(count("SELECT input_uncached FROM events WHERE source_key = 'resp_68a1c2'"), 4640);
    QCOMPARE(count("SELECT reasoning FROM events WHERE source_key = 'resp_68a1c2'"), 1216);
    QCOMPARE(count("SELECT service_tier = 'standard' FROM events WHERE source_key = 'resp_68a1c2'"), 1);
    QCOMPARE(count("SELECT cache_write_5m FROM events WHERE source_key = 'msg_01XFDUDYJgAACzvnptvVoYEL'"), 2000);
    QCOMPARE(count("SELECT cache_write_1h FROM events WHERE source_key = 'msg_01XFDUDYJgAACzvnptvVoYEL'"), 4000);
    QCOMPARE(count("SELECT COUNT(*) FROM events WHERE workflow_type = 'invoice_extraction'"), 3);
    QCOMPARE(count("SELECT provider = 'openai' AND status = 'success' AND json_extract(tags, '$.team') = 'finance, EU' "
                   "FROM events WHERE source_key = 'inv-1003'"),
             1);
}

void TestEnvelopeDocs::rejectedLinesAreThoseOfTheSample()
{
    QList<Block> texts;
    for (const Block &b : blocksOfSection(m_doc, QStringLiteral("### 6.1"), QStringLiteral("### 6.2"))) {
        if (b.language == QLatin1String("text")) {
            texts.append(b);
        }
    }
    QCOMPARE(texts.size(), 1);
    const QStringList documented = QString::fromUtf8(texts.first().text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);

    ImportSummary s;
    QVERIFY(EventImporter(*m_ledger, QStringLiteral("events"))
                .importPath(fixturePath(QStringLiteral("events/sample.jsonl")), EventImporter::Format::Auto, s));
    QStringList reported;
    for (const ImportIssue &issue : s.issues) {
        reported << issue.location.section(QLatin1Char('/'), -1) + QStringLiteral(": ") + issue.reason;
    }
    QCOMPARE(reported, documented);
}

QTEST_GUILESS_MAIN(TestEnvelopeDocs)
#include "tst_envelopedocs.moc"
