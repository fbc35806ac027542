#ifndef BURNRATE_TESTS_CORE_PROVIDERS_FIXTUREREPLAY_H
#define BURNRATE_TESTS_CORE_PROVIDERS_FIXTUREREPLAY_H

// Helpers to replay the bodies of ../shared/fixtures/providers through the fake providers.
#include "syncrig.h"

namespace burnrate::test {

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
