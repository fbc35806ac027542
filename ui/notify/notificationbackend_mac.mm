// macOS: the user notification centre (UNUserNotificationCenter) with an "Open" action; the budget rides in the
// request's userInfo. Permission (alert + sound) is asked once, on the first send. Only an app bundle gets a backend
// (a bare executable has no bundle identifier: the funnel uses the tray). Memory: ARC (-fobjc-arc, ui/CMakeLists.txt).
// The centre calls back on any thread: what touches Qt is queued to the app's thread, guarded by a QPointer.
#include "ui/notify/notificationbackend.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>
#include <QString>
#include <QTimer>

#import <Foundation/Foundation.h>
#import <UserNotifications/UserNotifications.h>

#include <cstdint>
#include <utility>

namespace burnrate::ui {

namespace {

NSString *const CategoryId = @"burnrate.alert";
NSString *const OpenActionId = @"open";
NSString *const BudgetIdKey = @"budgetId";
constexpr int AnswerWaitMs = 60'000; // an unanswered permission request sends what waits to the tray

// Runs fn(backend) on the application's thread, if the backend still exists then.
template <typename Backend, typename Fn>
void onQtThread(const QPointer<Backend> &guard, Fn fn)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app) {
        return; // shutting down
    }
    QMetaObject::invokeMethod(
        app,
        [guard, run = std::move(fn)] {
            if (Backend *backend = guard.data()) {
                run(backend);
            }
        },
        Qt::QueuedConnection);
}

} // namespace
} // namespace burnrate::ui

// Shows our notifications while the app is frontmost and turns "Open" (or a click) into openRequested().
@interface BurnrateNotificationDelegate : NSObject <UNUserNotificationCenterDelegate>
- (instancetype)initWithBackend:(burnrate::ui::NotificationBackend *)backend;
@end

@implementation BurnrateNotificationDelegate {
    QPointer<burnrate::ui::NotificationBackend> _backend;
}

- (instancetype)initWithBackend:(burnrate::ui::NotificationBackend *)backend
{
    self = [super init];
    if (self) {
        _backend = backend;
    }
    return self;
}

- (void)userNotificationCenter:(UNUserNotificationCenter *)center
       willPresentNotification:(UNNotification *)notification
         withCompletionHandler:(void (^)(UNNotificationPresentationOptions options))completionHandler
{
    Q_UNUSED(center);
    Q_UNUSED(notification);
    if (@available(macOS 11, *)) {
        completionHandler(UNNotificationPresentationOptionBanner | UNNotificationPresentationOptionList |
                          UNNotificationPresentationOptionSound);
    } else {
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations" // .alert is what macOS 10.14 and 10.15 have
        completionHandler(UNNotificationPresentationOptionAlert | UNNotificationPresentationOptionSound);
#pragma clang diagnostic pop
    }
}

- (void)userNotificationCenter:(UNUserNotificationCenter *)center
    didReceiveNotificationResponse:(UNNotificationResponse *)response
             withCompletionHandler:(void (^)(void))completionHandler
{
    Q_UNUSED(center);
    NSString *action = response.actionIdentifier;
    if ([action isEqualToString:burnrate::ui::OpenActionId] ||
        [action isEqualToString:UNNotificationDefaultActionIdentifier]) {
        NSNumber *budget = response.notification.request.content.userInfo[burnrate::ui::BudgetIdKey];
        const std::int64_t budgetId = [budget isKindOfClass:[NSNumber class]] ? budget.longLongValue : 0;
        burnrate::ui::onQtThread(_backend, [budgetId](burnrate::ui::NotificationBackend *backend) {
            Q_EMIT backend->openRequested(budgetId);
        });
    } // else dismissed, or an action we did not offer
    completionHandler();
}

@end

namespace burnrate::ui {

namespace {

class MacNotificationCentre final : public NotificationBackend
{
public:
    explicit MacNotificationCentre(UNUserNotificationCenter *center)
        : m_center(center)
        , m_delegate([[BurnrateNotificationDelegate alloc] initWithBackend:this])
    {
        UNNotificationAction *open = [UNNotificationAction actionWithIdentifier:OpenActionId
                                                                          title:tr("Open").toNSString()
                                                                        options:UNNotificationActionOptionForeground];
        UNNotificationCategory *category =
            [UNNotificationCategory categoryWithIdentifier:CategoryId
                                                   actions:@[ open ]
                                         intentIdentifiers:@[]
                                                   options:UNNotificationCategoryOptionNone];
        [m_center setNotificationCategories:[NSSet setWithObject:category]];
        m_center.delegate = m_delegate; // a weak property: m_delegate keeps it alive
    }

    ~MacNotificationCentre() override
    {
        if (m_center.delegate == m_delegate) {
            m_center.delegate = nil;
        }
    }

    QString name() const override { return QStringLiteral("macOS notification centre"); }

    void send(const DesktopNotification &n) override
    {
        const quint32 serial = ++m_lastSerial;
        if (m_authorization == Authorization::Asked) {
            post(n, serial);
            return;
        }
        m_waiting.append({n, serial}); // posted (or failed) once the user has answered
        if (m_authorization == Authorization::NotAsked) {
            m_authorization = Authorization::Asking;
            requestAuthorization();
            QTimer::singleShot(AnswerWaitMs, this, [this] { onAuthorization(false, QStringLiteral("no answer yet")); });
        }
    }

private:
    enum class Authorization
    {
        NotAsked,
        Asking,
        Asked
    };

    void requestAuthorization()
    {
        const QPointer<MacNotificationCentre> guard(this);
        [m_center requestAuthorizationWithOptions:UNAuthorizationOptionAlert | UNAuthorizationOptionSound
                                completionHandler:^(BOOL granted, NSError *error) {
                                  const bool allowed = granted;
                                  const QString reason =
                                      error ? QString::fromNSString(error.localizedDescription)
                                            : QStringLiteral("notifications are not allowed for Burnrate");
                                  onQtThread(guard, [allowed, reason](MacNotificationCentre *backend) {
                                      backend->onAuthorization(allowed, reason);
                                  });
                                }];
    }

    void onAuthorization(bool allowed, const QString &reason)
    {
        m_authorization = Authorization::Asked; // later sends post directly: the centre refuses them if not allowed
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &[n, serial] : waiting) {
            if (allowed) {
                post(n, serial);
            } else {
                Q_EMIT failed(n, reason);
            }
        }
    }

    // Exactly one of delivered() and failed() follows, from the centre's completion handler.
    void post(const DesktopNotification &n, quint32 serial)
    {
        @autoreleasepool {
            UNMutableNotificationContent *content = [[UNMutableNotificationContent alloc] init];
            content.title = n.summary.toNSString();
            content.body = n.body.toNSString();
            content.sound = [UNNotificationSound defaultSound];
            content.categoryIdentifier = CategoryId;
            content.userInfo = @{BudgetIdKey : @(n.budgetId)};
            if (@available(macOS 12, *)) {
                content.interruptionLevel =
                    n.urgent ? UNNotificationInterruptionLevelTimeSensitive : UNNotificationInterruptionLevelActive;
            }
            NSString *identifier = QStringLiteral("burnrate-%1").arg(serial).toNSString();
            UNNotificationRequest *request = [UNNotificationRequest requestWithIdentifier:identifier
                                                                                  content:content
                                                                                  trigger:nil];
            // Blocks capture C++ references by reference: hand them copies.
            const QPointer<MacNotificationCentre> guard(this);
            const DesktopNotification copy = n;
            [m_center addNotificationRequest:request
                       withCompletionHandler:^(NSError *error) {
                         const bool ok = error == nil;
                         const QString reason = ok ? QString() : QString::fromNSString(error.localizedDescription);
                         onQtThread(guard, [copy, serial, ok, reason](MacNotificationCentre *backend) {
                             if (ok) {
                                 Q_EMIT backend->delivered(copy, serial);
                             } else {
                                 Q_EMIT backend->failed(copy, reason);
                             }
                         });
                       }];
        }
    }

    UNUserNotificationCenter *m_center;
    BurnrateNotificationDelegate *m_delegate;
    Authorization m_authorization = Authorization::NotAsked;
    QList<std::pair<DesktopNotification, quint32>> m_waiting; // sent while the user was being asked
    quint32 m_lastSerial = 0;
};

} // namespace

std::unique_ptr<NotificationBackend> createPlatformNotificationBackend()
{
    // Outside a bundle (no identifier) the centre raises or refuses everything: leave it to the tray.
    if ([NSBundle mainBundle].bundleIdentifier == nil) {
        return nullptr;
    }
    @try {
        if (UNUserNotificationCenter *center = [UNUserNotificationCenter currentNotificationCenter]) {
            return std::make_unique<MacNotificationCentre>(center);
        }
    } @catch (...) {
        // no notification centre for this process: the tray
    }
    return nullptr;
}

} // namespace burnrate::ui
