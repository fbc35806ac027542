#include "ledger/checkpointer.h"
#include "ledger/database.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

class TestCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesTheWalBackWhileTheWriterCommits();
};

void TestCheckpointer::copiesTheWalBackWhileTheWriterCommits()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite3"));
    auto db = Database::open(path);
    QVERIFY(db.ok());
    QVERIFY((*db)->exec("CREATE TABLE t (i INTEGER, pad TEXT)"));
    const qint64 sizeBefore = QFileInfo(path).size();
    {
        const BackgroundCheckpointer checkpointer(**db, 64); // a small threshold: checkpoint often
        const std::string pad(1000, 'x');
        for (int batch = 0; batch < 20; ++batch) {
            Transaction tx(**db);
            auto ins = (*db)->prepare("INSERT INTO t VALUES (?1, ?2)");
            for (int i = 0; i < 200; ++i) {
                ins->bind(1, batch * 200 + i);
                ins->bind(2, std::string_view(pad));
                QVERIFY(ins->exec());
            }
            QVERIFY(tx.commit());
        }
    } // the last checkpoint runs here
    // The rows reached the database file itself, not only the WAL.
    QVERIFY(QFileInfo(path).size() > sizeBefore + 4000 * 1000);
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM t"), std::optional<std::int64_t>(4000));
    QCOMPARE((*db)->queryInt64("SELECT SUM(i) FROM t"), std::optional<std::int64_t>(3999 * 4000 / 2));
    // Commits after it is gone still work, with SQLite's own checkpoints back on.
    QVERIFY((*db)->exec("INSERT INTO t VALUES (-1, '')"));
}

QTEST_GUILESS_MAIN(TestCheckpointer)
#include "tst_checkpointer.moc"
