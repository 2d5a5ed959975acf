"""What the apps share: the topics of prevention work.

A topic (public spaces, youth, extremism, …) ties together what the network
knows about it – events, their documents, the library's resources, the
good-practice projects, recommendations – and has a page of its own.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asskomm.collation import GERMAN


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True, db_collation=GERMAN)
    slug = models.SlugField(_("short name in the address"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic", kwargs={"slug": self.slug})
