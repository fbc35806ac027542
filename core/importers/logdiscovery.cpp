#include "importers/logdiscovery.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace burnrate {

namespace {

QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

QString expandHome(QString path, const QString &home)
{
    if (path == QLatin1String("~")) {
        return home;
    }
    if (path.startsWith(QLatin1String("~/"))) {
        return home + path.mid(1);
    }
    return path;
}

void addRoot(QStringList &roots, const QString &path)
{
    const QString c = canonical(path);
    if (!c.isEmpty() && !roots.contains(c)) {
        roots << c;
    }
}

bool isDir(const QString &path)
{
    return QFileInfo(path).isDir();
}

void fillHints(AgentLogSource source, LogFile &f)
{
    const QFileInfo info(f.path);
    const QString stem = info.completeBaseName();
    const QString dir = info.absolutePath();
    if (source == AgentLogSource::Codex) {
        f.group = f.path;
        if (stem.size() >= 36 && LogDiscovery::isUuid(QStringView(stem).right(36))) {
            f.conversationHint = stem.right(36);
        }
        return;
    }
    // Claude Code: projects/<encoded cwd>/<session>.jsonl and
    // projects/<encoded cwd>/<session>/subagents/agent-<id>.jsonl.
    const QStringList parts = dir.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype projects = parts.lastIndexOf(QStringLiteral("projects"));
    QString sessionDir = dir;
    if (!parts.isEmpty() && parts.last() == QLatin1String("subagents")) {
        f.subagent = true;
        sessionDir = QFileInfo(dir).absolutePath();
        f.conversationHint = QFileInfo(sessionDir).fileName();
        f.group = sessionDir;
        if (stem.startsWith(QLatin1String("agent-"))) {
            f.agentHint = stem.mid(6);
        }
    } else {
        if (LogDiscovery::isUuid(stem)) {
            f.conversationHint = stem;
        }
        f.group = dir + QLatin1Char('/') + stem;
    }
    if (projects >= 0 && projects + 1 < parts.size()) {
        f.projectHint = parts.at(projects + 1);
    } else if (projects < 0) {
        f.projectHint = QFileInfo(f.subagent ? QFileInfo(sessionDir).absolutePath() : dir).fileName();
    }
}

} // namespace

bool LogDiscovery::isUuid(QStringView t)
{
    if (t.size() != 36) {
        return false;
    }
    for (qsizetype i = 0; i < 36; ++i) {
        const char16_t c = t.at(i).unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-') {
                return false;
            }
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

Result<QStringList> LogDiscovery::defaultRoots(AgentLogSource source, const QProcessEnvironment &env,
                                               QStringList &notes)
{
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    QStringList roots;
    if (source == AgentLogSource::Codex) {
        QString codexHome = env.value(QStringLiteral("CODEX_HOME"));
        codexHome = codexHome.isEmpty() ? home + QStringLiteral("/.codex") : expandHome(codexHome, home);
        for (const char *sub : {"sessions", "archived_sessions"}) {
            const QString p = codexHome + QLatin1Char('/') + QLatin1String(sub);
            notes << p;
            if (isDir(p)) {
                addRoot(roots, p);
            }
        }
        return roots;
    }
    const QString configDirs = env.value(QStringLiteral("CLAUDE_CONFIG_DIR")).trimmed();
    if (!configDirs.isEmpty()) {
        QStringList tried;
        for (QString entry : configDirs.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            entry = expandHome(entry.trimmed(), home);
            if (entry.isEmpty()) {
                continue;
            }
            const QString p =
                QFileInfo(entry).fileName() == QLatin1String("projects") ? entry : entry + QStringLiteral("/projects");
            tried << p;
            notes << p;
            if (isDir(p)) {
                addRoot(roots, p);
            }
        }
        if (roots.isEmpty()) {
            return Result<QStringList>::failure(
                QStringLiteral(
                    "CLAUDE_CONFIG_DIR is set, but none of its entries holds a projects folder (looked for %1)")
                    .arg(tried.join(QStringLiteral(", "))));
        }
        return roots;
    }
    QString xdg = env.value(QStringLiteral("XDG_CONFIG_HOME"));
    if (xdg.isEmpty()) {
        xdg = home + QStringLiteral("/.config");
    }
    for (const QString &p : {xdg + QStringLiteral("/claude/projects"), home + QStringLiteral("/.claude/projects")}) {
        notes << p;
        if (isDir(p)) {
            addRoot(roots, p);
        }
    }
    return roots;
}

Result<QStringList> LogDiscovery::rootsForPaths(AgentLogSource source, const QStringList &paths)
{
    QStringList roots;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            return Result<QStringList>::failure(QStringLiteral("%1: no such file or folder").arg(path));
        }
        if (!info.isDir()) {
            if (info.suffix() != QLatin1String("jsonl")) {
                return Result<QStringList>::failure(QStringLiteral("%1 is not a .jsonl log file").arg(path));
            }
            addRoot(roots, path);
            continue;
        }
        if (source == AgentLogSource::ClaudeCode && isDir(path + QStringLiteral("/projects"))) {
            addRoot(roots, path + QStringLiteral("/projects"));
            continue;
        }
        if (source == AgentLogSource::Codex) {
            bool found = false;
            for (const char *sub : {"/sessions", "/archived_sessions"}) {
                if (isDir(path + QLatin1String(sub))) {
                    addRoot(roots, path + QLatin1String(sub));
                    found = true;
                }
            }
            if (found) {
                continue;
            }
        }
        addRoot(roots, path);
    }
    return roots;
}

QList<LogFile> LogDiscovery::scan(AgentLogSource source, const QStringList &roots)
{
    QList<LogFile> files;
    QSet<QString> seen;
    const auto add = [&](QString path) {
        if (seen.contains(path)) {
            return;
        }
        const auto st = statRegularFile(path);
        if (!st) {
            return;
        }
        seen.insert(path);
        LogFile f;
        f.path = std::move(path);
        f.stat = *st;
        fillHints(source, f);
        files.append(std::move(f));
    };
    for (const QString &root : roots) {
        const QFileInfo info(root);
        if (info.isFile()) {
            add(canonical(root));
            continue;
        }
        QDirIterator it(root, {QStringLiteral("*.jsonl")}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            add(it.fileInfo().isSymLink() ? canonical(p) : p);
        }
    }
    std::sort(files.begin(), files.end(), [](const LogFile &a, const LogFile &b) { return a.path < b.path; });
    return files;
}

} // namespace burnrate
