#ifndef BURNRATE_TESTS_SUPPORT_FIXTURETEST_H
#define BURNRATE_TESTS_SUPPORT_FIXTURETEST_H

// Qt Test checks of fixtures: a test that needs data from tests/fixtures asks for it first, so a missing or
// unreadable file fails the test with a message naming that file instead of feeding empty data onwards.
#include "fixtures.h"

#include <QStringList>
#include <QTest>

#include <source_location>

namespace burnrate::test {

// Fails the running test function with one message naming every fixture of `relatives` that cannot be read, and
// returns false; true when all can be read. Use it through REQUIRE_FIXTURES.
[[nodiscard]] inline bool requireFixtures(const QStringList &relatives,
                                          const std::source_location where = std::source_location::current())
{
    QStringList problems;
    for (const QString &relative : relatives) {
        const QString problem = fixtureProblem(relative);
        if (!problem.isEmpty()) {
            problems.append(problem);
        }
    }
    if (problems.isEmpty()) {
        return true;
    }
    const QString message = QStringLiteral("test data missing or unreadable (fixtures folder %1): %2")
                                .arg(QStringLiteral(BURNRATE_FIXTURES_DIR), problems.join(QStringLiteral("; ")));
    QTest::qVerify(false, "requireFixtures", qPrintable(message), where.file_name(), static_cast<int>(where.line()));
    return false;
}

} // namespace burnrate::test

// Ends the calling test function when a fixture it names cannot be read (see requireFixtures). In initTestCase()
// this stops the whole executable before any test function reads the data.
#define REQUIRE_FIXTURES(...)                                                                                          \
    do {                                                                                                               \
        if (!::burnrate::test::requireFixtures(__VA_ARGS__)) {                                                         \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)

#endif // BURNRATE_TESTS_SUPPORT_FIXTURETEST_H
