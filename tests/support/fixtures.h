#ifndef BURNRATE_TESTS_SUPPORT_FIXTURES_H
#define BURNRATE_TESTS_SUPPORT_FIXTURES_H

// The test data under tests/fixtures: its paths, and one sentence that names a fixture which cannot be read.
// QtCore only, so the fake providers and the benchmarks can use it too; tests check their fixtures with
// fixturetest.h before reading them.
#include <QFile>
#include <QFileInfo>
#include <QString>

#ifndef BURNRATE_FIXTURES_DIR
#error "BURNRATE_FIXTURES_DIR must name tests/fixtures (link burnrate_test_fixtures)"
#endif

namespace burnrate::test {

// The absolute path of `relative` (e.g. "events/sample.jsonl") inside tests/fixtures.
inline QString fixturePath(const QString &relative)
{
    return QStringLiteral(BURNRATE_FIXTURES_DIR "/") + relative;
}

// Empty when the fixture is a readable file; else why not, naming it as tests/fixtures/<relative>.
inline QString fixtureProblem(const QString &relative)
{
    const QString name = QStringLiteral("tests/fixtures/") + relative;
    const QFileInfo info(fixturePath(relative));
    if (!info.exists()) {
        return name + QStringLiteral(" is missing");
    }
    if (!info.isFile()) {
        return name + QStringLiteral(" is not a file");
    }
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("%1 cannot be read: %2").arg(name, file.errorString());
    }
    return {};
}

// The whole fixture, or an empty array when it cannot be read (fixtureProblem says why).
inline QByteArray fixtureBytes(const QString &relative)
{
    QFile file(fixturePath(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_SUPPORT_FIXTURES_H
