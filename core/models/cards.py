"""What a listing's cards show beyond each page's own columns: its topics."""

from wagtail.models import Page

from .pages import content_page_models, private_paths


def with_topics(cards, request=None):
    """Give each card `card_topics`, its live, public topics (title and URL) A to Z, in one query for any mix of types.

    Cards show their topics as chips; one UNION over every page type's topic table serves a whole
    listing, where `prefetch_related` would take a query per page type (and generic pages have none).
    """
    ids = [card.pk for card in cards]
    if not ids:
        return cards
    tagged = []
    for model in content_page_models():
        owner = f"{model._meta.model_name}_id"
        tagged.append(
            model.topics.through.objects.filter(**{f"{owner}__in": ids}, topicpage__live=True).values_list(
                owner, "topicpage_id", "topicpage__title", "topicpage__path", "topicpage__url_path"
            )
        )
    private = tuple(private_paths())
    by_page = {}
    for page_id, topic_id, title, path, url_path in tagged[0].union(*tagged[1:], all=True):
        if not path.startswith(private):
            topic = Page(id=topic_id, title=title, path=path, url_path=url_path)
            by_page.setdefault(page_id, []).append(topic)
    for card in cards:
        topics = sorted(by_page.get(card.pk, []), key=lambda topic: topic.title.lower())
        card.card_topics = [{"title": topic.title, "url": topic.get_url(request)} for topic in topics]
    return cards
