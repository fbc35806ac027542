// Where agent logs are looked for, what a PATH may be, and what a file's path says about it.
#include "agentlogtestutil.h"
#include "importers/logdiscovery.h"

#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

namespace {

QProcessEnvironment envWith(std::initializer_list<std::pair<const char *, QString>> vars)
{
    QProcessEnvironment env;
    for (const auto &[k, v] : vars) {
        env.insert(QLatin1String(k), v);
    }
    return env;
}

QString canonical(const QString &p)
{
    return QFileInfo(p).canonicalFilePath();
}

} // namespace

class TestLogDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void claudeDefaultsUnderHome();
    void claudeConfigDirList();
    void claudeConfigDirWithoutLogsFails();
    void codexHome();
    void pathsOfEveryKind();
    void hintsFromPaths();
};

void TestLogDiscovery::claudeDefaultsUnderHome()
{
    QTemporaryDir home;
    QStringList notes;
    auto none = LogDiscovery::defaultRoots(AgentLogSource::ClaudeCode, envWith({{"HOME", home.path()}}), notes);
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
    QCOMPARE(notes, QStringList({home.path() + QStringLiteral("/.config/claude/projects"),
                                 home.path() + QStringLiteral("/.claude/projects")}));
    QDir().mkpath(home.filePath(QStringLiteral(".claude/projects")));
    QDir().mkpath(home.filePath(QStringLiteral("xdg/claude/projects")));
    auto both = LogDiscovery::defaultRoots(
        AgentLogSource::ClaudeCode,
        envWith({{"HOME", home.path()}, {"XDG_CONFIG_HOME", home.filePath(QStringLiteral("xdg"))}}), notes);
    QCOMPARE(*both, QStringList({canonical(home.filePath(QStringLiteral("xdg/claude/projects"))),
                                 canonical(home.filePath(QStringLiteral(".claude/projects")))}));
}

void TestLogDiscovery::claudeConfigDirList()
{
    QTemporaryDir home;
    QDir().mkpath(home.filePath(QStringLiteral("a/projects")));
    QDir().mkpath(home.filePath(QStringLiteral("b/projects")));
    QDir().mkpath(home.filePath(QStringLiteral(".claude/projects"))); // not scanned when the variable is set
    QStringList notes;
    // A comma list; entries may be a config folder, a projects folder, use ~, or not exist.
    auto roots = LogDiscovery::defaultRoots(
        AgentLogSource::ClaudeCode,
        envWith({{"HOME", home.path()},
                 {"CLAUDE_CONFIG_DIR", QStringLiteral("~/a, %1/b/projects ,~/missing").arg(home.path())}}),
        notes);
    QVERIFY2(roots.ok(), qPrintable(roots.error()));
    QCOMPARE(*roots, QStringList({canonical(home.filePath(QStringLiteral("a/projects"))),
                                  canonical(home.filePath(QStringLiteral("b/projects")))}));
}

void TestLogDiscovery::claudeConfigDirWithoutLogsFails()
{
    QTemporaryDir home;
    QStringList notes;
    auto roots = LogDiscovery::defaultRoots(
        AgentLogSource::ClaudeCode,
        envWith({{"HOME", home.path()}, {"CLAUDE_CONFIG_DIR", home.filePath(QStringLiteral("x"))}}), notes);
    QVERIFY(!roots.ok());
    QVERIFY(roots.error().contains(QStringLiteral("CLAUDE_CONFIG_DIR")));
}

void TestLogDiscovery::codexHome()
{
    QTemporaryDir home;
    QDir().mkpath(home.filePath(QStringLiteral(".codex/sessions")));
    QStringList notes;
    auto roots = LogDiscovery::defaultRoots(AgentLogSource::Codex, envWith({{"HOME", home.path()}}), notes);
    QCOMPARE(*roots, QStringList({canonical(home.filePath(QStringLiteral(".codex/sessions")))}));
    QDir().mkpath(home.filePath(QStringLiteral("ch/sessions")));
    QDir().mkpath(home.filePath(QStringLiteral("ch/archived_sessions")));
    roots = LogDiscovery::defaultRoots(
        AgentLogSource::Codex, envWith({{"HOME", home.path()}, {"CODEX_HOME", home.filePath(QStringLiteral("ch"))}}),
        notes);
    QCOMPARE(*roots, QStringList({canonical(home.filePath(QStringLiteral("ch/sessions"))),
                                  canonical(home.filePath(QStringLiteral("ch/archived_sessions")))}));
}

void TestLogDiscovery::pathsOfEveryKind()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("claude"));
    const QString file = config + QStringLiteral("/projects/-w/11111111-2222-3333-4444-555555555555.jsonl");
    QVERIFY(writeFile(file, "{}\n"));
    const auto roots = [](const QString &p) {
        return LogDiscovery::rootsForPaths(AgentLogSource::ClaudeCode, {p});
    };
    QCOMPARE(*roots(config), QStringList({canonical(config + QStringLiteral("/projects"))})); // config folder
    QCOMPARE(*roots(config + QStringLiteral("/projects")),
             QStringList({canonical(config + QStringLiteral("/projects"))}));
    QCOMPARE(*roots(config + QStringLiteral("/projects/-w")),
             QStringList({canonical(config + QStringLiteral("/projects/-w"))}));
    QCOMPARE(*roots(file), QStringList({canonical(file)}));
    for (const QString &p : {config, config + QStringLiteral("/projects/-w"), file}) {
        const QList<LogFile> found = LogDiscovery::scan(AgentLogSource::ClaudeCode, *roots(p));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().path, canonical(file));
    }
    QVERIFY(!roots(dir.filePath(QStringLiteral("nope"))).ok());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.txt")), "x"));
    QVERIFY(!roots(dir.filePath(QStringLiteral("notes.txt"))).ok());
    // Codex: CODEX_HOME, sessions, a folder below, a file.
    const QString codex = dir.filePath(QStringLiteral("codex"));
    QVERIFY(writeFile(codex + QStringLiteral("/sessions/2026/02/23/r.jsonl"), "{}\n"));
    QVERIFY(writeFile(codex + QStringLiteral("/archived_sessions/a.jsonl"), "{}\n"));
    QCOMPARE(LogDiscovery::rootsForPaths(AgentLogSource::Codex, {codex})->size(), 2);
    QCOMPARE(
        LogDiscovery::scan(AgentLogSource::Codex, *LogDiscovery::rootsForPaths(AgentLogSource::Codex, {codex})).size(),
        2);
    // The same file named twice is listed once.
    QCOMPARE(LogDiscovery::scan(AgentLogSource::ClaudeCode,
                                {canonical(config + QStringLiteral("/projects")), canonical(file)})
                 .size(),
             1);
}

void TestLogDiscovery::hintsFromPaths()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("projects"));
    const QString session = QStringLiteral("4d5611e5-0000-4000-8000-00000000abcd");
    QVERIFY(writeFile(projects + QStringLiteral("/-home-x-app/") + session + QStringLiteral(".jsonl"), "{}\n"));
    QVERIFY(writeFile(projects + QStringLiteral("/-home-x-app/") + session +
                          QStringLiteral("/subagents/agent-a2898e3.jsonl"),
                      "{}\n"));
    QVERIFY(writeFile(projects + QStringLiteral("/project-alpha/session-alpha/chat.jsonl"), "{}\n"));
    const QList<LogFile> files = LogDiscovery::scan(AgentLogSource::ClaudeCode, {canonical(projects)});
    QCOMPARE(files.size(), 3);
    const LogFile &main = files.at(0);
    const LogFile &sub = files.at(1);
    const LogFile &chat = files.at(2);
    QCOMPARE(main.conversationHint, session);
    QCOMPARE(main.projectHint, QStringLiteral("-home-x-app"));
    QVERIFY(!main.subagent);
    QVERIFY(sub.subagent);
    QCOMPARE(sub.conversationHint, session); // credited to its parent session
    QCOMPARE(sub.agentHint, QStringLiteral("a2898e3"));
    QCOMPARE(sub.group, main.group);          // parsed together
    QVERIFY(chat.conversationHint.isEmpty()); // not a UUID: the lines' sessionId decides
    QCOMPARE(chat.projectHint, QStringLiteral("project-alpha"));
    QVERIFY(!main.stat.identity.isEmpty());
    QCOMPARE(main.stat.size, 3);
    // Codex: the UUID at the end of the rollout name.
    QVERIFY(writeFile(
        dir.filePath(QStringLiteral("rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl")),
        "{}\n"));
    const QList<LogFile> codex = LogDiscovery::scan(
        AgentLogSource::Codex, {canonical(dir.filePath(QStringLiteral(
                                   "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl")))});
    QCOMPARE(codex.first().conversationHint, QStringLiteral("019c8bfe-ec25-79e0-97d7-bda6a9c575ff"));
}

QTEST_GUILESS_MAIN(TestLogDiscovery)
#include "tst_logdiscovery.moc"
