/* apl-message.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One message template. Like a plan, it changes only once the store has
 * written the change, so what the editor shows is what is on disk.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-message-private.h"
#include "apl-text.h"

#define TITLE_MAX_CHARS   200
#define SHORT_MAX_BYTES   (4 * 1024)
#define BODY_MAX_BYTES    (256 * 1024)

struct _AplMessage
{
  GObject   parent_instance;

  AplStore *store;          /* weak: the store owns the message lists */
  gint64    id;
  gint64    plan_id;
  char     *variant_group;
  char     *fields[APL_MESSAGE_N_FIELDS];
  char     *updated;
};

G_DEFINE_FINAL_TYPE (AplMessage, apl_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_VARIANT_GROUP,
  PROP_TITLE,
  PROP_SCENARIO,
  PROP_PHASE,
  PROP_AUDIENCE,
  PROP_CHANNEL,
  PROP_LANGUAGE,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_UPDATED,
  /* Names for lists, which bind to properties */
  PROP_CHANNEL_NAME,
  PROP_PHASE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct { const char *key; const char *name; } phases[APL_N_PHASES] = {
  { "holding-statement", N_("Holding statement") },
  { "first-update", N_("First update") },
  { "follow-up", N_("Follow-up") },
  { "resolution", N_("Resolution") },
  { "internal-briefing", N_("Internal briefing") },
};

/* Phases */

const char *
apl_phase_get_key (AplPhase phase)
{
  g_return_val_if_fail (phase < APL_N_PHASES, NULL);
  return phases[phase].key;
}

gboolean
apl_phase_from_key (const char *key,
                    AplPhase   *phase)
{
  for (guint i = 0; i < APL_N_PHASES; i++)
    if (g_strcmp0 (phases[i].key, key) == 0)
      {
        if (phase != NULL)
          *phase = i;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_phase_get_name (AplPhase phase)
{
  g_return_val_if_fail (phase < APL_N_PHASES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, phases[phase].name);
}

/* GObject */

static void
apl_message_finalize (GObject *object)
{
  AplMessage *self = APL_MESSAGE (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_free (self->variant_group);
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->updated);

  G_OBJECT_CLASS (apl_message_parent_class)->finalize (object);
}

static void
apl_message_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AplMessage *self = APL_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;
    case PROP_VARIANT_GROUP:
      g_value_set_string (value, self->variant_group);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    case PROP_CHANNEL_NAME:
      g_value_set_string (value, apl_channel_get_name (apl_message_get_channel (self)));
      break;
    case PROP_PHASE_NAME:
      g_value_set_string (value, apl_phase_get_name (apl_message_get_phase (self)));
      break;
    default:
      if (prop_id >= PROP_TITLE && prop_id < PROP_TITLE + APL_MESSAGE_N_FIELDS)
        g_value_set_string (value, self->fields[prop_id - PROP_TITLE]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
apl_message_class_init (AplMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_message_finalize;
  object_class->get_property = apl_message_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_ID] =
    g_param_spec_int64 ("plan-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIANT_GROUP] = text_property ("variant-group");
  properties[PROP_TITLE] = text_property ("title");
  properties[PROP_SCENARIO] = text_property ("scenario");
  properties[PROP_PHASE] = text_property ("phase");
  properties[PROP_AUDIENCE] = text_property ("audience");
  properties[PROP_CHANNEL] = text_property ("channel");
  properties[PROP_LANGUAGE] = text_property ("language");
  properties[PROP_SUBJECT] = text_property ("subject");
  properties[PROP_BODY] = text_property ("body");
  properties[PROP_UPDATED] = text_property ("updated");
  properties[PROP_CHANNEL_NAME] = text_property ("channel-name");
  properties[PROP_PHASE_NAME] = text_property ("phase-name");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_message_init (AplMessage *self)
{
}

/* Internal API */

AplMessage *
_apl_message_new (AplStore           *store,
                  gint64              id,
                  gint64              plan_id,
                  const char         *variant_group,
                  const char * const *fields,
                  const char         *updated)
{
  AplMessage *self = g_object_new (APL_TYPE_MESSAGE, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->id = id;
  self->plan_id = plan_id;
  self->variant_group = g_strdup (variant_group);
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i] ? fields[i] : "");
  self->updated = g_strdup (updated);

  return self;
}

AplStore *
_apl_message_get_store (AplMessage *self)
{
  return self->store;
}

/**
 * apl_message_get_store:
 *
 * For widgets that show one message and need the rest of its context
 * (its approval status, its plan's values).
 *
 * Returns: (transfer none) (nullable): the store the message lives in;
 *   %NULL once that store is gone
 */
AplStore *
apl_message_get_store (AplMessage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), NULL);
  return self->store;
}

/* Takes the values the store has just written; notifies only what changed. */
void
_apl_message_apply (AplMessage         *self,
                    const char * const *fields,
                    const char         *updated)
{
  gboolean changed[APL_MESSAGE_N_FIELDS] = { FALSE, };

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    {
      if (fields[i] == NULL || g_strcmp0 (self->fields[i], fields[i]) == 0)
        continue;
      g_free (self->fields[i]);
      self->fields[i] = g_strdup (fields[i]);
      changed[i] = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE + i]);
    }
  if (changed[APL_MESSAGE_FIELD_CHANNEL])
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_NAME]);
  if (changed[APL_MESSAGE_FIELD_PHASE])
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE_NAME]);
  if (g_strcmp0 (self->updated, updated) != 0)
    {
      g_free (self->updated);
      self->updated = g_strdup (updated);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Public API */

gint64
apl_message_get_id (AplMessage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), 0);
  return self->id;
}

gint64
apl_message_get_plan_id (AplMessage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), 0);
  return self->plan_id;
}

/**
 * apl_message_get_variant_group:
 *
 * Returns: the identifier shared by the variants of this message (the same
 * message in other languages and channels)
 */
const char *
apl_message_get_variant_group (AplMessage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), NULL);
  return self->variant_group;
}

const char *
apl_message_get_field (AplMessage      *self,
                       AplMessageField  field)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (field < APL_MESSAGE_N_FIELDS, NULL);
  return self->fields[field];
}

const char *
apl_message_get_title (AplMessage *self)
{
  return apl_message_get_field (self, APL_MESSAGE_FIELD_TITLE);
}

const char *
apl_message_get_language (AplMessage *self)
{
  return apl_message_get_field (self, APL_MESSAGE_FIELD_LANGUAGE);
}

const char *
apl_message_get_subject (AplMessage *self)
{
  return apl_message_get_field (self, APL_MESSAGE_FIELD_SUBJECT);
}

const char *
apl_message_get_body (AplMessage *self)
{
  return apl_message_get_field (self, APL_MESSAGE_FIELD_BODY);
}

AplChannel
apl_message_get_channel (AplMessage *self)
{
  AplChannel channel = APL_CHANNEL_PRESS_RELEASE;

  g_return_val_if_fail (APL_IS_MESSAGE (self), channel);
  apl_channel_from_key (self->fields[APL_MESSAGE_FIELD_CHANNEL], &channel);
  return channel;
}

AplPhase
apl_message_get_phase (AplMessage *self)
{
  AplPhase phase = APL_PHASE_HOLDING_STATEMENT;

  g_return_val_if_fail (APL_IS_MESSAGE (self), phase);
  apl_phase_from_key (self->fields[APL_MESSAGE_FIELD_PHASE], &phase);
  return phase;
}

const char *
apl_message_get_updated (AplMessage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), NULL);
  return self->updated;
}

static gboolean
is_language_tag (const char *value)
{
  gsize len = strlen (value);

  if (len < 2 || len > 35 || !g_ascii_isalpha (value[0]) || !g_ascii_isalpha (value[1]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (value[i]) && value[i] != '-')
      return FALSE;
  return TRUE;
}

/**
 * apl_message_validate_field:
 *
 * Checks a value before it is saved, so that the editor can mark the field
 * and keep what the user typed.
 */
gboolean
apl_message_validate_field (AplMessageField   field,
                            const char       *value,
                            GError          **error)
{
  gsize max = field == APL_MESSAGE_FIELD_BODY ? BODY_MAX_BYTES : SHORT_MAX_BYTES;

  g_return_val_if_fail (field < APL_MESSAGE_N_FIELDS, FALSE);

  if (value == NULL)
    value = "";

  if (!apl_text_check (value, max, error))
    return FALSE;

  switch (field)
    {
    case APL_MESSAGE_FIELD_TITLE:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (value));

        if (*trimmed == '\0')
          {
            g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                         _("A message needs a title."));
            return FALSE;
          }
        if (g_utf8_strlen (trimmed, -1) > TITLE_MAX_CHARS)
          {
            g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                         _("A message title can be at most %d characters long."), TITLE_MAX_CHARS);
            return FALSE;
          }
      }
      break;

    case APL_MESSAGE_FIELD_PHASE:
      if (!apl_phase_from_key (value, NULL))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("“%s” is not a phase of a crisis Aplomb knows."), value);
          return FALSE;
        }
      break;

    case APL_MESSAGE_FIELD_CHANNEL:
      if (!apl_channel_from_key (value, NULL))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("“%s” is not a channel Aplomb knows."), value);
          return FALSE;
        }
      break;

    case APL_MESSAGE_FIELD_LANGUAGE:
      if (!is_language_tag (value))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("“%s” is not a language code such as “en” or “fr”."), value);
          return FALSE;
        }
      break;

    case APL_MESSAGE_FIELD_SCENARIO:
    case APL_MESSAGE_FIELD_AUDIENCE:
    case APL_MESSAGE_FIELD_SUBJECT:
    case APL_MESSAGE_FIELD_BODY:
    case APL_MESSAGE_N_FIELDS:
    default:
      break;
    }

  return TRUE;
}

/**
 * apl_message_set_field:
 * @author: who is editing, recorded in the version history
 *
 * Saves one field at once, in its own transaction, and records it in the
 * version history: edits by the same author within
 * %APL_MESSAGE_VERSION_WINDOW_SECONDS of the previous one are folded into
 * that version, so a version is a draft rather than a keystroke. A refused
 * value changes nothing.
 */
gboolean
apl_message_set_field (AplMessage       *self,
                       AplMessageField   field,
                       const char       *value,
                       const char       *author,
                       GError          **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (APL_IS_MESSAGE (self), FALSE);
  g_return_val_if_fail (field < APL_MESSAGE_N_FIELDS, FALSE);

  if (value == NULL)
    value = "";
  if (!apl_message_validate_field (field, value, error))
    return FALSE;

  clean = field == APL_MESSAGE_FIELD_TITLE ? g_strstrip (g_strdup (value)) : g_strdup (value);
  if (g_strcmp0 (self->fields[field], clean) == 0)
    return TRUE;

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return FALSE;
    }

  return _apl_store_write_message_field (self->store, self, field, clean,
                                         author ? author : "", error);
}

/**
 * apl_message_list_versions:
 *
 * Returns: (transfer full) (element-type AplMessageVersion): the message's
 * versions, newest first
 */
GPtrArray *
apl_message_list_versions (AplMessage  *self,
                           GError     **error)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), NULL);

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return NULL;
    }
  return _apl_store_list_message_versions (self->store, self, error);
}

/**
 * apl_message_restore_version:
 * @number: the version to bring back
 *
 * Makes the message what it was in version @number. History is never
 * rewritten: the restored text becomes a new version.
 */
gboolean
apl_message_restore_version (AplMessage  *self,
                             guint        number,
                             const char  *author,
                             GError     **error)
{
  g_return_val_if_fail (APL_IS_MESSAGE (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  return _apl_store_restore_message_version (self->store, self, number, author ? author : "", error);
}

/**
 * apl_message_render:
 *
 * Fills the message's placeholders with its plan's and organisation's
 * values. When the channel has a subject line and it is not empty, the
 * rendered text is the subject, a blank line and the body; positions of
 * problems are those in the body (a subject's problems come first, on
 * line 0).
 *
 * Returns: (transfer full): the rendered text and what is missing
 */
AplRendered *
apl_message_render (AplMessage  *self,
                    GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  AplPlan *plan;
  AplRendered *body;

  g_return_val_if_fail (APL_IS_MESSAGE (self), NULL);

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return NULL;
    }

  plan = apl_store_find_plan (self->store, self->plan_id);
  if (plan == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The plan no longer exists."));
      return NULL;
    }
  values = apl_store_get_placeholder_values (self->store, plan, apl_message_get_language (self), error);
  if (values == NULL)
    return NULL;

  body = apl_placeholder_render (self->fields[APL_MESSAGE_FIELD_BODY], values);

  if (apl_channel_has_subject (apl_message_get_channel (self))
      && *self->fields[APL_MESSAGE_FIELD_SUBJECT] != '\0')
    {
      g_autoptr(AplRendered) subject = apl_placeholder_render (self->fields[APL_MESSAGE_FIELD_SUBJECT], values);
      char *joined = g_strconcat (subject->text, "\n\n", body->text, NULL);

      g_free (body->text);
      body->text = joined;
      for (guint i = subject->unfilled->len; i-- > 0;)
        {
          const char *name = g_ptr_array_index (subject->unfilled, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < body->unfilled->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (body->unfilled, j), name);
          if (!seen)
            g_ptr_array_insert (body->unfilled, 0, g_strdup (name));
        }
      for (guint i = subject->problems->len; i-- > 0;)
        {
          AplPlaceholder problem = g_array_index (subject->problems, AplPlaceholder, i);

          problem.name = g_strdup (problem.name);
          problem.line = 0;
          g_array_prepend_val (body->problems, problem);
        }
    }

  return body;
}

void
apl_message_version_free (AplMessageVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->author);
  g_free (version->created_at);
  g_free (version->saved_at);
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    g_free (version->fields[i]);
  g_free (version);
}
