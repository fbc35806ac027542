#include "ledger/database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindsAndReads();
    void transactionRollsBackUnlessCommitted();
    void reportsErrorsInWords();
    void cachedStatementsAreReset();
    void refusesUnwritablePath();
};

void TestDatabase::bindsAndReads()
{
    auto db = Database::open(QStringLiteral(":memory:"));
    QVERIFY(db.ok());
    QVERIFY((*db)->exec("CREATE TABLE t (i INTEGER, s TEXT, n INTEGER)"));
    auto ins = (*db)->prepare("INSERT INTO t VALUES (?1, ?2, ?3)");
    QVERIFY(ins.ok());
    ins->bind(1, std::int64_t(9'000'000'000'000'000'000));
    ins->bind(2, QStringLiteral("grüße"));
    ins->bind(3, std::optional<std::int64_t>());
    QVERIFY(ins->exec());
    auto sel = (*db)->prepare("SELECT i, s, n FROM t");
    QVERIFY(sel->step() == Statement::Step::Row);
    QCOMPARE(sel->int64(0), std::int64_t(9'000'000'000'000'000'000));
    QCOMPARE(sel->text(1), QStringLiteral("grüße"));
    QVERIFY(sel->isNull(2));
    QVERIFY(!sel->optionalInt64(2).has_value());
    QVERIFY(sel->step() == Statement::Step::Done);
}

void TestDatabase::transactionRollsBackUnlessCommitted()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("t.sqlite3")));
    QVERIFY((*db)->exec("CREATE TABLE t (i INTEGER)"));
    {
        Transaction tx(**db);
        QVERIFY(tx.isActive());
        QVERIFY((*db)->exec("INSERT INTO t VALUES (1)"));
    }
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM t"), std::optional<std::int64_t>(0));
    {
        Transaction tx(**db);
        QVERIFY((*db)->exec("INSERT INTO t VALUES (2)"));
        QVERIFY(tx.commit());
        QVERIFY(!tx.isActive());
    }
    QCOMPARE((*db)->queryInt64("SELECT SUM(i) FROM t"), std::optional<std::int64_t>(2));
}

void TestDatabase::reportsErrorsInWords()
{
    auto db = Database::open(QStringLiteral(":memory:"));
    const auto st = (*db)->exec("SELEKT 1");
    QVERIFY(!st.ok());
    QVERIFY(st.error().contains(QStringLiteral("syntax error")));
    QVERIFY(!(*db)->prepare("SELECT * FROM missing").ok());
}

void TestDatabase::cachedStatementsAreReset()
{
    auto db = Database::open(QStringLiteral(":memory:"));
    QVERIFY((*db)->exec("CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (1), (2), (3);"));
    for (int round = 0; round < 3; ++round) {
        Statement &s = (*db)->cached("SELECT i FROM t ORDER BY i");
        QVERIFY(s.step() == Statement::Step::Row); // left mid-iteration on purpose
        QCOMPARE(s.int64(0), std::int64_t(1));
    }
}

void TestDatabase::refusesUnwritablePath()
{
    const auto db = Database::open(QStringLiteral("/proc/burnrate-cannot-be-here/ledger.sqlite3"));
    QVERIFY(!db.ok());
    QVERIFY(!db.error().isEmpty());
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
