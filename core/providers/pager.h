#ifndef BURNRATE_CORE_PROVIDERS_PAGER_H
#define BURNRATE_CORE_PROVIDERS_PAGER_H

#include "providers/httpclient.h"
#include "util/result.h"

#include <QNetworkRequest>
#include <QString>

#include <functional>

namespace burnrate {

// Follows an endpoint's page cursors to the end, one request at a time: the same parameters plus the
// cursor each time, at most HttpPolicy::maxPages pages, and a cursor that comes back a second time
// stops the loop (a server bug would otherwise make it endless).
class Pager final
{
public:
    // The request for a page; an empty cursor asks for the first one.
    using RequestFor = std::function<QNetworkRequest(const QString &cursor)>;
    // Takes one page's body; gives the next cursor, empty when this was the last page.
    using Consume = std::function<Result<QString>(const QByteArray &body)>;
    using Done = std::function<void(const HttpError &error, int pages)>;

    static void fetchAll(HttpClient &http, RequestFor requestFor, Consume consume, Done done);
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_PAGER_H
