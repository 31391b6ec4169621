from liaise.demo import loader
from liaise.outreach.models import Consent, Delivery, NewsletterIssue, Subscriber


def demo_counts():
    return (Subscriber.objects.filter(is_demo=True).count(), Consent.objects.count(),
            NewsletterIssue.objects.filter(is_demo=True).count(), Delivery.objects.count())


def test_the_demo_has_confirmed_subscribers_with_their_consent_and_one_sent_issue(db):
    subscribers = Subscriber.objects.filter(is_demo=True)
    assert subscribers.count() == 6
    assert all(s.confirmed_at and s.consents.get().confirmed_at for s in subscribers)
    issue = NewsletterIssue.objects.get(is_demo=True)
    assert (issue.status, issue.deliveries.filter(status="sent").count()) == ("sent", 6)


def test_loading_twice_changes_nothing_and_reset_removes_it(db):
    counts = demo_counts()
    loader.load(with_accounts=False)
    assert demo_counts() == counts
    loader.reset()
    assert (Subscriber.objects.filter(is_demo=True).count(), NewsletterIssue.objects.filter(is_demo=True).count()) \
        == (0, 0)
    assert Subscriber.objects.filter(email="reader@example.org").exists()  # not the demo's
