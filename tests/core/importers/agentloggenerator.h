#ifndef BURNRATE_TESTS_CORE_IMPORTERS_AGENTLOGGENERATOR_H
#define BURNRATE_TESTS_CORE_IMPORTERS_AGENTLOGGENERATOR_H

// Writes a Claude Code projects tree with every kind of duplicate and damage docs/agent-logs.md describes,
// and knows its own ground truth by construction (not by reading the files back): content-block
// splits with partial-then-final output, copies of a session's responses into a resumed session,
// Task subagent files, agent_progress copies of subagent messages (with and without the subagent's
// own file), /btw sidechain replays of main-chain messages, responses without requestId, old lines
// with costUSD and no cache split, <synthetic> and zero-usage lines, and junk lines.

#include "ledger/eventrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTimeZone>

#include <map>
#include <random>
#include <vector>

namespace burnrate::test {

struct ClaudeTreeSpec
{
    int projects = 3;
    int sessions = 12;
    int responses = 40; // main-chain responses per session
    int filler = 120;   // characters of text per content block
    std::uint64_t seed = 1;
};

struct ClaudeTruth
{
    TokenCounts tokens;
    std::int64_t requests = 0;
    std::int64_t reportedCostNano = 0;
    std::map<QString, TokenCounts> byConversation;
    std::map<QString, std::int64_t> requestsByConversation;
    std::map<QString, QString> projectOf;
    std::map<QString, std::int64_t> malformedByFile; // path relative to the projects folder
    std::int64_t malformed = 0;
    std::int64_t files = 0;
};

class ClaudeTreeGenerator
{
public:
    ClaudeTreeGenerator(QString projectsDir, ClaudeTreeSpec spec)
        : m_dir(std::move(projectsDir))
        , m_spec(spec)
        , m_rng(spec.seed)
    {}

    ClaudeTruth generate()
    {
        std::vector<std::vector<Response>> sessions;
        for (int s = 0; s < m_spec.sessions; ++s) {
            const int project = s % m_spec.projects;
            const QByteArray cwd = "/home/dev/src/proj-" + QByteArray::number(project);
            const QByteArray enc = "-home-dev-src-proj-" + QByteArray::number(project);
            const QByteArray sid = uuid();
            QByteArray main = R"({"type":"file-history-snapshot","messageId":")" + uuid() +
                              R"(","snapshot":{"trackedFileBackups":{}},"isSnapshotUpdate":false})" + "\n";
            // A resumed session starts with copies of the previous session's first responses, as
            // written there: the credit stays with the session that made them.
            if (s % 4 == 3) {
                const auto &parent = sessions.back();
                for (size_t i = 0; i < parent.size() && i < 6; ++i) {
                    main += parent[i].lines;
                }
            }
            std::vector<Response> own;
            const std::int64_t t0 = 1793491200000LL + s * 3'600'000LL; // 2026-11-01T00:00Z + s hours
            for (int r = 0; r < m_spec.responses; ++r) {
                main += userLine(cwd, sid, t0 + r * 20'000);
                Response resp = response(cwd, sid, {}, t0 + r * 20'000 + 1'000, /*sidechain*/ false);
                count(resp, sid, cwd);
                main += resp.lines;
                own.push_back(std::move(resp));
            }
            const QString convDir = QString::fromUtf8(enc) + QLatin1Char('/') + QString::fromUtf8(sid);
            if (s % 3 == 0) { // a Task subagent with its own file, copied into agent_progress lines
                const QByteArray agent = hex(7);
                QByteArray sub;
                for (int r = 0; r < 5; ++r) {
                    Response resp = response(cwd, sid, agent, t0 + 2'000'000 + r * 10'000, true);
                    count(resp, sid, cwd);
                    sub += resp.lines;
                    if (r % 2 == 0) {
                        // Some copies lack the requestId: only the subagent's own file tells them apart.
                        QByteArray copy = resp.finalLine;
                        if (r == 2) {
                            copy.replace(QByteArray(R"(,"requestId":")"), QByteArray(R"(,"requestIdWas":")"));
                        }
                        main += progressLine(cwd, sid, agent, copy);
                    }
                }
                write(convDir + QStringLiteral("/subagents/agent-") + QString::fromUtf8(agent) +
                          QStringLiteral(".jsonl"),
                      sub);
            }
            if (s % 5 == 1) { // agent_progress copies of an agent without a file of its own: they count
                const QByteArray agent = "gone" + hex(3);
                for (int r = 0; r < 2; ++r) {
                    Response resp = response(cwd, sid, agent, t0 + 2'500'000 + r * 10'000, true);
                    count(resp, sid, cwd);
                    main += progressLine(cwd, sid, agent, resp.finalLine);
                }
            }
            if (s % 6 == 2) { // a /btw side question replaying main-chain messages: they do not count
                QByteArray btw;
                for (size_t i = 0; i < 3 && i < own.size(); ++i) {
                    btw += replayLine(own[i], cwd, sid);
                }
                write(convDir + QStringLiteral("/subagents/agent-btw") + QString::fromUtf8(hex(5)) +
                          QStringLiteral(".jsonl"),
                      btw);
            }
            const QString mainPath =
                QString::fromUtf8(enc) + QLatin1Char('/') + QString::fromUtf8(sid) + QStringLiteral(".jsonl");
            if (s % 4 == 1) {
                main += junk(cwd, sid, mainPath, t0);
            }
            write(mainPath, main);
            sessions.push_back(std::move(own));
        }
        return m_truth;
    }

private:
    struct Response
    {
        QByteArray lines;
        QByteArray finalLine;
        QByteArray messageId;
        TokenCounts tokens;
        std::int64_t costNano = -1;
    };

    std::uint64_t next(std::uint64_t n) { return m_rng() % n; }

    QByteArray hex(int n)
    {
        QByteArray out;
        for (int i = 0; i < n; ++i) {
            out += "0123456789abcdef"[next(16)];
        }
        return out;
    }
    QByteArray uuid() { return hex(8) + '-' + hex(4) + '-' + hex(4) + '-' + hex(4) + '-' + hex(12); }

    static QByteArray ts(std::int64_t ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs).toUtf8();
    }

    QByteArray filler()
    {
        QByteArray t;
        while (t.size() < m_spec.filler) {
            t += "lorem ipsum \\\"usage\\\": dolor ";
        }
        return t;
    }

    QByteArray userLine(const QByteArray &cwd, const QByteArray &sid, std::int64_t at)
    {
        return R"({"parentUuid":null,"isSidechain":false,"userType":"external","cwd":")" + cwd + R"(","sessionId":")" +
               sid + R"(","version":"2.1.38","type":"user","message":{"role":"user","content":")" + filler() +
               R"("},"uuid":")" + uuid() + R"(","timestamp":")" + ts(at) + "\"}\n";
    }

    static QByteArray usageJson(const TokenCounts &t, bool split)
    {
        QByteArray u = R"({"input_tokens":)" + QByteArray::number(t.inputUncached) +
                       R"(,"cache_creation_input_tokens":)" + QByteArray::number(t.cacheWrite5m + t.cacheWrite1h) +
                       R"(,"cache_read_input_tokens":)" + QByteArray::number(t.cacheRead);
        if (split) {
            u += R"(,"cache_creation":{"ephemeral_5m_input_tokens":)" + QByteArray::number(t.cacheWrite5m) +
                 R"(,"ephemeral_1h_input_tokens":)" + QByteArray::number(t.cacheWrite1h) + "}";
        }
        return u + R"(,"output_tokens":)" + QByteArray::number(t.output) + R"(,"service_tier":"standard"})";
    }

    QByteArray assistantLine(const QByteArray &cwd, const QByteArray &sid, const QByteArray &agent,
                             const QByteArray &model, const QByteArray &msg, const QByteArray &req,
                             const TokenCounts &t, bool split, std::int64_t at, const QByteArray &cost, bool sidechain)
    {
        QByteArray l = R"({"parentUuid":")" + uuid() + R"(","isSidechain":)" + (sidechain ? "true" : "false");
        if (!agent.isEmpty()) {
            l += R"(,"agentId":")" + agent + "\"";
        }
        l += R"(,"userType":"external","cwd":")" + cwd + R"(","sessionId":")" + sid +
             R"(","version":"2.1.38","gitBranch":"main","message":{"model":")" + model + R"(","id":")" + msg +
             R"(","type":"message","role":"assistant","content":[{"type":"text","text":")" + filler() +
             R"("}],"stop_reason":null,"stop_sequence":null,"usage":)" + usageJson(t, split) + "}";
        if (!req.isEmpty()) {
            l += R"(,"requestId":")" + req + "\"";
        }
        if (!cost.isEmpty()) {
            l += R"(,"costUSD":)" + cost;
        }
        return l + R"(,"type":"assistant","uuid":")" + uuid() + R"(","timestamp":")" + ts(at) + "\"}\n";
    }

    Response response(const QByteArray &cwd, const QByteArray &sid, const QByteArray &agent, std::int64_t at,
                      bool sidechain)
    {
        static const QByteArray Models[] = {"claude-sonnet-4-5-20250929", "claude-opus-4-6",
                                            "claude-haiku-4-5-20251001"};
        Response r;
        r.messageId = "msg_01" + hex(22);
        const QByteArray req = next(20) == 0 ? QByteArray() : "req_011C" + hex(20); // some gateways omit it
        const bool old = next(15) == 0;                                             // before the 5m/1h split
        TokenCounts t;
        t.inputUncached = static_cast<std::int64_t>(1 + next(50));
        t.cacheRead = static_cast<std::int64_t>(next(90000));
        if (old) {
            t.cacheWrite5m = static_cast<std::int64_t>(next(4000));
        } else if (next(5) > 0) {
            t.cacheWrite1h = static_cast<std::int64_t>(next(6000));
        } else {
            t.cacheWrite5m = static_cast<std::int64_t>(next(3000));
        }
        t.output = static_cast<std::int64_t>(20 + next(3000));
        QByteArray cost;
        if (old) {
            r.costNano = static_cast<std::int64_t>(next(90000)) * 1000 + 7;
            cost = "0." + QByteArray::number(r.costNano).rightJustified(9, '0');
        }
        const QByteArray model = Models[next(3)];
        const int blocks = 1 + static_cast<int>(next(4));
        const bool partial = blocks > 1 && next(2) == 0;
        for (int b = 0; b < blocks; ++b) {
            TokenCounts line = t;
            if (partial && b + 1 < blocks) {
                line.output = static_cast<std::int64_t>(1 + next(10)); // a streaming count
            }
            const QByteArray text =
                assistantLine(cwd, sid, agent, model, r.messageId, req, line, !old, at + b * 150, cost, sidechain);
            r.lines += text;
            if (b + 1 == blocks) {
                r.finalLine = text;
            }
        }
        r.tokens = t;
        return r;
    }

    QByteArray progressLine(const QByteArray &cwd, const QByteArray &sid, const QByteArray &agent, QByteArray assistant)
    {
        assistant.chop(1); // the newline
        return R"({"parentUuid":")" + uuid() + R"(","isSidechain":false,"cwd":")" + cwd + R"(","sessionId":")" + sid +
               R"(","type":"progress","data":{"type":"agent_progress","agentId":")" + agent + R"(","message":)" +
               assistant + R"(},"uuid":")" + uuid() + R"(","timestamp":"2026-11-01T00:00:00.000Z"})" + "\n";
    }

    QByteArray replayLine(const Response &original, const QByteArray &cwd, const QByteArray &sid)
    {
        TokenCounts t = original.tokens;
        t.cacheRead += 5000; // the replay re-reads the parent's context
        return assistantLine(cwd, sid, "btw", "claude-opus-4-6", original.messageId, "req_btw" + hex(12), t, true,
                             1793491200000LL, QByteArray(), true);
    }

    QByteArray junk(const QByteArray &cwd, const QByteArray &sid, const QString &file, std::int64_t at)
    {
        const Response z = response(cwd, sid, {}, at, false); // not counted: only damaged copies are written
        // Cut inside the closing fields: the usage member is there, the object is not closed.
        const QByteArray truncated = z.finalLine.left(z.finalLine.size() - 30) + "\n";
        QByteArray noTimestamp = z.finalLine;
        noTimestamp.replace(R"("timestamp":")", R"("time":")");
        TokenCounts some;
        some.inputUncached = 5;
        some.output = 7;
        const QByteArray synthetic = assistantLine(cwd, sid, {}, "<synthetic>", "msg_synth" + hex(8), "req_s" + hex(8),
                                                   some, true, at, {}, false);
        const QByteArray zero = assistantLine(cwd, sid, {}, "claude-opus-4-6", "msg_zero" + hex(8), "req_zero" + hex(8),
                                              TokenCounts(), true, at, {}, false);
        m_truth.malformedByFile[file] += 4;
        m_truth.malformed += 4;
        QByteArray badCount = z.finalLine;
        badCount.replace(R"("input_tokens":)", R"("input_tokens":"lots","was":)");
        return "this is not JSON at all\n" + truncated + noTimestamp + badCount + "\n   \n" + synthetic + zero;
    }

    void count(const Response &r, const QByteArray &sid, const QByteArray &cwd)
    {
        const QString conv = QString::fromUtf8(sid);
        SumCheck sums; // generated counts stay far below 64 bits
        m_truth.tokens.add(r.tokens, sums);
        m_truth.requests += 1;
        m_truth.byConversation[conv].add(r.tokens, sums);
        m_truth.requestsByConversation[conv] += 1;
        m_truth.projectOf[conv] = QString::fromUtf8(cwd);
        if (r.costNano >= 0) {
            m_truth.reportedCostNano += r.costNano;
        }
    }

    void write(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir + QLatin1Char('/') + relative;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(content);
            ++m_truth.files;
        }
    }

    QString m_dir;
    ClaudeTreeSpec m_spec;
    std::mt19937_64 m_rng;
    ClaudeTruth m_truth;
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_IMPORTERS_AGENTLOGGENERATOR_H
