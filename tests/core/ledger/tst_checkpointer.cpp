#include "ledger/checkpointer.h"
#include "ledger/database.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

namespace {

// One transaction of `rows` rows into t (a number and ~1 kB of text each), numbered on from
// batch * rows.
bool commitPaddedRows(Database &db, int batch, int rows)
{
    const std::string pad(1000, 'x');
    Transaction tx(db);
    auto ins = db.prepare("INSERT INTO t VALUES (?1, ?2)");
    if (!ins) {
        return false;
    }
    for (int i = 0; i < rows; ++i) {
        ins->bind(1, batch * rows + i);
        ins->bind(2, std::string_view(pad));
        if (!ins->exec()) {
            return false;
        }
    }
    return tx.commit().ok();
}

} // namespace

class TestCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesTheWalBackWhileTheWriterCommits();
    void committedRestartsTheWalOnceItHoldsTheLimit_data();
    void committedRestartsTheWalOnceItHoldsTheLimit();
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
        for (int batch = 0; batch < 20; ++batch) {
            QVERIFY(commitPaddedRows(**db, batch, 200));
        }
    } // the last checkpoint runs here
    // The rows reached the database file itself, not only the WAL.
    QVERIFY(QFileInfo(path).size() > sizeBefore + 4000 * 1000);
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM t"), std::optional<std::int64_t>(4000));
    QCOMPARE((*db)->queryInt64("SELECT SUM(i) FROM t"), std::optional<std::int64_t>(3999 * 4000 / 2));
    // Commits after it is gone still work, with SQLite's own checkpoints back on.
    QVERIFY((*db)->exec("INSERT INTO t VALUES (-1, '')"));
}

void TestCheckpointer::committedRestartsTheWalOnceItHoldsTheLimit_data()
{
    QTest::addColumn<bool>("tellCommits");
    QTest::newRow("committed() after each commit") << true;
    QTest::newRow("never told") << false;
}

// 40 transactions of ~256 KiB each (four 64 KiB pages of rows) with a 512 KiB restart limit: told of
// each commit, the checkpointer makes the WAL start again once it holds two or three of them, so the
// file never grows past a few; never told, the writer always opens its next transaction before the
// checkpoint is done and the WAL only grows.
void TestCheckpointer::committedRestartsTheWalOnceItHoldsTheLimit()
{
    QFETCH(bool, tellCommits);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite3"));
    auto db = Database::open(path);
    QVERIFY(db.ok());
    QVERIFY((*db)->exec("CREATE TABLE t (i INTEGER, pad TEXT)"));
    const QString wal = path + QStringLiteral("-wal");
    qint64 largestWal = 0;
    {
        BackgroundCheckpointer checkpointer(**db, 64 << 10, 512 << 10);
        for (int batch = 0; batch < 40; ++batch) {
            QVERIFY(commitPaddedRows(**db, batch, 250));
            if (tellCommits) {
                checkpointer.committed();
            }
            largestWal = std::max(largestWal, QFileInfo(wal).size());
        }
    }
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM t"), std::optional<std::int64_t>(10000));
    if (tellCommits) {
        QVERIFY2(largestWal < (2 << 20), qPrintable(QStringLiteral("WAL grew to %1 bytes").arg(largestWal)));
    } else {
        QVERIFY2(largestWal > (2 << 20), qPrintable(QStringLiteral("WAL only grew to %1 bytes").arg(largestWal)));
    }
}

QTEST_GUILESS_MAIN(TestCheckpointer)
#include "tst_checkpointer.moc"
