#ifndef BURNRATE_TESTS_CORE_PROVIDERS_FIXTUREREPLAY_H
#define BURNRATE_TESTS_CORE_PROVIDERS_FIXTUREREPLAY_H

// Helpers to replay the bodies of tests/fixtures/providers through the fake providers.
#include "fixturetest.h"
#include "syncrig.h"

#include <QMap>

namespace burnrate::test {

// Each file of tests/fixtures/providers and the test that replays it; the last ones are bodies of endpoints
// Burnrate does not sync.
inline QMap<QString, QString> providerFixtureReplays()
{
    return {
        {"anthropic-claude-code-usage-guide-example.json", "anthropicClaudeCodeReportIsNotAUsagePage"},
        {"anthropic-claude-code-usage.json", "anthropicClaudeCodeReportIsNotAUsagePage"},
        {"anthropic-cost-report-2026-01-docs.json", "anthropicDocsExamples"},
        {"anthropic-cost-report.json", "anthropicDocsExamples"},
        {"anthropic-error-401-assembled.json", "tst_syncfailures (FakeAnthropic answers it to a wrong key)"},
        {"anthropic-error-not-found.json", "tst_syncfailures::failureKeepsEarlierData"},
        {"anthropic-usage-messages-2026-01-docs.json", "anthropicDocsExamples"},
        {"anthropic-usage-messages.json", "anthropicDocsExamples"},
        {"deepseek-balance.json", "deepSeekBalanceInCny"},
        {"deepseek-error-401.json", "tst_syncfailures::wrongKeysAreExplained"},
        {"openai-costs-cookbook-real-buckets.json", "tst_openaifixtures::openAiRealCapturesPaged"},
        {"openai-costs.json", "tst_openaifixtures::openAiSpecExamples"},
        {"openai-error-401-invalid-key-assembled.json", "tst_syncfailures (401)"},
        {"openai-error-401-missing-scope-assembled.json", "tst_syncfailures (403 wrong kind, wrong keys)"},
        {"openai-object-costs-result.json", "tst_openaifixtures::openAiSingleResultObjects"},
        {"openai-object-usage-completions-result.json", "tst_openaifixtures::openAiSingleResultObjects"},
        {"openai-usage-audio-speeches.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-audio-transcriptions.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-code-interpreter-sessions.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-completions-cookbook-real-buckets.json", "tst_openaifixtures::openAiRealCapturesPaged"},
        {"openai-usage-completions.json", "tst_openaifixtures::openAiSpecExamples"},
        {"openai-usage-embeddings.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-empty-page-assembled.json", "tst_openaifixtures::openAiSpecExamples"},
        {"openai-usage-file-search-calls.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-images.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-moderations.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-vector-stores.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openai-usage-web-search-calls.json", "tst_openaifixtures::openAiOtherUsageEndpoints"},
        {"openrouter-activity.json", "openRouterExamples"},
        {"openrouter-credits.json", "openRouterExamples"},
        {"openrouter-error-401-no-credentials-observed.json", "openRouterErrors"},
        {"openrouter-error-401-user-not-found-observed.json", "openRouterErrors"},
        {"openrouter-error-401.json", "openRouterErrors"},
        {"openrouter-error-402.json", "openRouterErrors"},
        {"openrouter-error-403-not-management-key.json", "openRouterErrors"},
        {"openrouter-error-404.json", "openRouterErrors"},
        {"openrouter-error-429-limits-doc.json", "openRouterErrors"},
        {"openrouter-error-429-spec.json", "openRouterErrors"},
        {"openrouter-key.json", "openRouterExamples"},
        {"openrouter-generation.json", "not synced: per-request cost of one generation id"},
        {"openrouter-keys-list.json", "not synced: the management listing of all keys"},
        {"xai-prepaid-balance-thirdparty.json", "not synced: xAI is not a provider of this sync"},
        {"xai-usage-thirdparty.json", "not synced: xAI is not a provider of this sync"},
    };
}

// The files of providerFixtureReplays(), relative to tests/fixtures.
inline QStringList providerFixtureFiles()
{
    QStringList files;
    for (const QString &name : providerFixtureReplays().keys()) {
        files.append(QStringLiteral("providers/") + name);
    }
    return files;
}

inline const QString EmptyOpenAiPage = QStringLiteral("openai-usage-empty-page-assembled.json");

// First page: the fixture (only to `width` requests); any later page, or another width: an empty page.
inline FakeProvider::Handler firstPageThenEmpty(const QString &fixture, const QString &width = QStringLiteral("1d"))
{
    return [fixture, width](const HttpRequest &req) {
        const bool first = !req.query.hasQueryItem(QStringLiteral("page"));
        const QString w = req.query.queryItemValue(QStringLiteral("bucket_width"));
        if (first && (w.isEmpty() || w == width)) {
            return HttpResponse::fromFile(FakeProvider::fixture(fixture));
        }
        return HttpResponse::fromFile(FakeProvider::fixture(EmptyOpenAiPage));
    };
}

inline void setClock(SyncRig &rig, std::int64_t ms)
{
    rig.clock.set(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_PROVIDERS_FIXTUREREPLAY_H
