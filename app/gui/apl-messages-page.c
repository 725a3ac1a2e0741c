/* apl-messages-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The “Messages” page of a plan: its message templates on the left, with
 * search (which ignores case and accents) and filters, and the selected
 * message in the editor on the right.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-approvals.h"
#include "apl-message-editor.h"
#include "apl-message-row.h"
#include "apl-messages-page.h"

struct _AplMessagesPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkPaned           *paned;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *channel_filter;
  GtkDropDown        *language_filter;
  GtkDropDown        *phase_filter;
  GtkDropDown        *scenario_filter;
  GtkDropDown        *approval_filter;
  GtkMenuButton      *variant_button;
  GtkPopover         *variant_popover;
  GtkDropDown        *variant_language;
  GtkDropDown        *variant_channel;
  GtkLabel           *variant_hint;
  GtkListView        *message_list;
  GtkStack           *content_stack;
  AplMessageEditor   *editor;

  AplStore           *store;
  AplPlan            *plan;
  GListModel         *messages;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GtkStringList      *language_names;
  GPtrArray          *language_codes;
  /* The scenario filter's values, after “All scenarios”. */
  GPtrArray          *scenario_values;
  /* The variant popover's languages. */
  GPtrArray          *variant_codes;
  AplApprovals       *approvals;
  /* Ids that match the search and filters; NULL when nothing is asked. */
  GHashTable         *matching;
  GSettings          *settings;
  /* Set while the filter menus are refilled, so that is not a new filter. */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (AplMessagesPage, apl_messages_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static char *
author_name (AplMessagesPage *self)
{
  g_autofree char *name = NULL;

  if (self->settings != NULL)
    name = g_strstrip (g_settings_get_string (self->settings, "user-name"));
  /* Until the user gives their name in Preferences, their account's. */
  if (name == NULL || *name == '\0')
    {
      const char *real = g_get_real_name ();

      g_free (name);
      name = g_strdup (real != NULL && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ());
    }
  return g_steal_pointer (&name);
}

static void
update_author (AplMessagesPage *self)
{
  g_autofree char *author = author_name (self);

  apl_message_editor_set_author (self->editor, author);
}

static void
add_toast (AplMessagesPage *self,
           AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (AplMessagesPage *self,
              const char      *text,
              gboolean         is_error)
{
  AdwToast *toast = adw_toast_new (text);

  if (is_error)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
    }
  add_toast (self, toast);
}

static void
update_actions (AplMessagesPage *self)
{
  gboolean has_plan = self->plan != NULL;
  gboolean has_message = apl_messages_page_get_selected_message (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.add", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.add-starters", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.duplicate-as-variant", has_message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.create-variant", has_message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->variant_button), has_message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.delete", has_message);
}

static void
update_content (AplMessagesPage *self)
{
  guint n_all = self->messages ? g_list_model_get_n_items (self->messages) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  apl_message_editor_set_message (self->editor, apl_messages_page_get_selected_message (self));
  gtk_stack_set_visible_child_name (self->content_stack,
                                    n_all == 0 ? "empty" : n_shown == 0 ? "no-results" : "editor");
  update_actions (self);
}

static const char *
filter_key (GtkDropDown *dropdown,
            guint        n_keys,
            const char * (*key_of) (guint))
{
  guint position = gtk_drop_down_get_selected (dropdown);

  /* Position 0 is “All …”. */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > n_keys)
    return NULL;
  return key_of (position - 1);
}

static const char *
channel_key_of (guint i)
{
  return apl_channel_get_key ((AplChannel) i);
}

static const char *
phase_key_of (guint i)
{
  return apl_phase_get_key ((AplPhase) i);
}

static void
refilter (AplMessagesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint language = gtk_drop_down_get_selected (self->language_filter);
  AplMessageQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->matching, g_hash_table_unref);

  query.text = text;
  query.channel = filter_key (self->channel_filter, APL_N_CHANNELS, channel_key_of);
  query.phase = filter_key (self->phase_filter, APL_N_PHASES, phase_key_of);
  guint scenario = gtk_drop_down_get_selected (self->scenario_filter);
  guint approval = gtk_drop_down_get_selected (self->approval_filter);
  gboolean by_status;

  if (language > 0 && language != GTK_INVALID_LIST_POSITION && language <= self->language_codes->len)
    query.language = g_ptr_array_index (self->language_codes, language - 1);
  if (scenario > 0 && scenario != GTK_INVALID_LIST_POSITION && scenario <= self->scenario_values->len)
    query.scenario = g_ptr_array_index (self->scenario_values, scenario - 1);
  by_status = approval > 0 && approval != GTK_INVALID_LIST_POSITION && approval <= APL_MESSAGE_N_STATUSES;

  {
    guint n_filters = (query.channel != NULL) + (query.phase != NULL) + (query.language != NULL)
                      + (query.scenario != NULL) + by_status;
    g_autofree char *label = n_filters == 0 ? g_strdup (_("Filters"))
                                            /* Translators: the filter button, with how many filters are on */
                                            : g_strdup_printf (_("Filters (%u)"), n_filters);

    gtk_menu_button_set_label (self->filter_button, label);
  }

  if (self->plan != NULL
      && (*text != '\0' || query.channel || query.phase || query.language || query.scenario || by_status))
    {
      ids = apl_store_search_messages (self->store, self->plan, &query, &error);
      if (ids == NULL)
        show_message (self, error->message, TRUE);
      else
        {
          self->matching = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          for (guint i = 0; i < ids->len; i++)
            g_hash_table_add (self->matching, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
        }
    }

  /* The approval status is the approvals' to compute (an edit can undo
   * an approval): keep the matches whose status is the one asked for. */
  if (self->matching != NULL && by_status)
    {
      g_autoptr(GPtrArray) states = apl_store_list_approval_states (self->store, self->plan, &error);
      g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      if (states == NULL)
        show_message (self, error->message, TRUE);
      for (guint i = 0; states != NULL && i < states->len; i++)
        {
          AplApprovalState *state = g_ptr_array_index (states, i);

          if (apl_message_status_from_state (state) == (AplMessageStatus) (approval - 1)
              && g_hash_table_contains (self->matching, &state->message_id))
            g_hash_table_add (kept, g_memdup2 (&state->message_id, sizeof (gint64)));
        }
      g_hash_table_unref (self->matching);
      self->matching = g_steal_pointer (&kept);
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_content (self);
}

static void
fill_language_filter (AplMessagesPage *self)
{
  g_autoptr(GPtrArray) codes = NULL;
  GtkStringList *names = gtk_string_list_new (NULL);

  self->syncing = TRUE;
  g_ptr_array_set_size (self->language_codes, 0);
  gtk_string_list_append (names, _("All languages"));
  if (self->plan != NULL)
    codes = apl_store_get_plan_languages (self->store, self->plan, NULL);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      g_autofree char *upper = g_ascii_strup (g_ptr_array_index (codes, i), -1);

      g_ptr_array_add (self->language_codes, g_strdup (g_ptr_array_index (codes, i)));
      gtk_string_list_append (names, upper);
    }
  gtk_drop_down_set_model (self->language_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_filter, 0);
  g_object_unref (names);
  self->syncing = FALSE;
}

static int
compare_scenarios (gconstpointer a,
                   gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The scenarios the plan's messages name, so that every choice finds
 * something; the current choice is kept when it is still there. */
static void
fill_scenario_filter (AplMessagesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->scenario_filter);
  g_autofree char *current = NULL;
  GtkStringList *names = gtk_string_list_new (NULL);
  guint n = self->messages ? g_list_model_get_n_items (self->messages) : 0;
  guint position = 0;
  gboolean any_without = FALSE;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected <= self->scenario_values->len)
    current = g_strdup (g_ptr_array_index (self->scenario_values, selected - 1));

  self->syncing = TRUE;
  g_ptr_array_set_size (self->scenario_values, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (self->messages, i);
      const char *scenario = apl_message_get_field (message, APL_MESSAGE_FIELD_SCENARIO);

      if (*scenario == '\0')
        any_without = TRUE;
      else if (!g_ptr_array_find_with_equal_func (self->scenario_values, scenario, g_str_equal, NULL))
        g_ptr_array_add (self->scenario_values, g_strdup (scenario));
    }
  g_ptr_array_sort (self->scenario_values, compare_scenarios);
  if (any_without && self->scenario_values->len > 0)
    g_ptr_array_add (self->scenario_values, g_strdup (""));

  gtk_string_list_append (names, _("All scenarios"));
  for (guint i = 0; i < self->scenario_values->len; i++)
    {
      const char *value = g_ptr_array_index (self->scenario_values, i);

      gtk_string_list_append (names, *value != '\0' ? value : _("No scenario"));
      if (current != NULL && g_str_equal (current, value))
        position = i + 1;
    }
  gtk_drop_down_set_model (self->scenario_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->scenario_filter, position);
  g_object_unref (names);
  self->syncing = FALSE;
}

static guint
find_position (GListModel *model,
               AplMessage *message)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) item = g_list_model_get_item (model, i);

      if (item == message)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Callbacks */

static gboolean
message_matches (gpointer item,
                 gpointer user_data)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (user_data);
  gint64 id;

  if (self->matching == NULL)
    return TRUE;
  id = apl_message_get_id (APL_MESSAGE (item));
  return g_hash_table_contains (self->matching, &id);
}

static void
search_changed_cb (AplMessagesPage *self)
{
  refilter (self);
}

static void
filter_changed_cb (AplMessagesPage *self)
{
  if (!self->syncing)
    refilter (self);
}

static void
filter_popover_show_cb (AplMessagesPage *self)
{
  guint before = gtk_drop_down_get_selected (self->scenario_filter);

  /* Scenarios are typed in the editor: offer what the messages say now. */
  fill_scenario_filter (self);
  if (gtk_drop_down_get_selected (self->scenario_filter) != before)
    refilter (self);
}

static void
approvals_changed_cb (AplMessagesPage *self,
                      gint64           plan_id)
{
  /* A decision or an edit can take a message in or out of the status
   * filter. */
  if (self->plan != NULL && apl_plan_get_id (self->plan) == plan_id
      && gtk_drop_down_get_selected (self->approval_filter) > 0)
    refilter (self);
}

static void
selection_changed_cb (AplMessagesPage *self)
{
  update_content (self);
}

static void
messages_changed_cb (AplMessagesPage *self,
                     guint            position,
                     guint            removed,
                     guint            added)
{
  /* A new message must pass the search to show; simplest is to ask again. */
  if (added > 0 && self->matching != NULL)
    refilter (self);
  else
    update_content (self);
}

static void
editor_error_cb (AplMessagesPage  *self,
                 const char       *message)
{
  show_message (self, message, TRUE);
}

static void
editor_toast_cb (AplMessagesPage  *self,
                 const char       *message)
{
  show_message (self, message, FALSE);
}

static void
editor_activate_message_cb (AplMessagesPage  *self,
                            AplMessage       *message)
{
  apl_messages_page_select_message (self, message);
}

static void
undo_delete_cb (AdwToast        *toast,
                AplMessagesPage *self)
{
  AplMessage *message = g_object_get_data (G_OBJECT (toast), "message");
  g_autoptr(GError) error = NULL;

  if (message == NULL || self->store == NULL)
    return;
  if (!apl_store_undelete_message (self->store, message, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  apl_messages_page_select_message (self, message);
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (widget);
  g_autofree char *author = author_name (self);
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  message = apl_store_add_message (self->store, self->plan, NULL, NULL, author, &error);
  if (message == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apl_messages_page_select_message (self, message);
  apl_message_editor_focus_title (self->editor);
}

static void
add_starters_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (widget);
  g_autofree char *author = author_name (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint added;

  if (self->plan == NULL)
    return;
  added = apl_store_add_starter_messages (self->store, self->plan, NULL, author, &error);
  if (error != NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  fill_language_filter (self);
  refilter (self);
  if (added == 0)
    text = g_strdup (_("The plan already has every starter message"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u starter message added", "%u starter messages added",
                                         added),
                            added);
  show_message (self, text, FALSE);
}

static const char *
variant_language_code (AplMessagesPage *self)
{
  guint position = gtk_drop_down_get_selected (self->variant_language);

  return position < self->variant_codes->len ? g_ptr_array_index (self->variant_codes, position) : NULL;
}

static guint
variant_language_position (AplMessagesPage *self,
                           const char      *code)
{
  for (guint i = 0; i < self->variant_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->variant_codes, i), code) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The variant that exists for the chosen language and channel, if any. */
static AplMessage *
existing_variant (AplMessagesPage *self,
                  GPtrArray       *variants,
                  const char      *language,
                  AplChannel       channel)
{
  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      AplMessage *variant = g_ptr_array_index (variants, i);

      if (g_strcmp0 (apl_message_get_language (variant), language) == 0
          && apl_message_get_channel (variant) == channel)
        return variant;
    }
  return NULL;
}

static void
variant_choice_changed_cb (AplMessagesPage *self)
{
  AplMessage *message = apl_messages_page_get_selected_message (self);
  g_autoptr(GPtrArray) variants = NULL;
  AplMessage *existing;
  guint channel = gtk_drop_down_get_selected (self->variant_channel);
  g_autofree char *hint = NULL;

  if (message == NULL || self->store == NULL || channel >= APL_N_CHANNELS)
    return;
  variants = apl_store_get_variants (self->store, message, NULL);
  existing = existing_variant (self, variants, variant_language_code (self), (AplChannel) channel);
  /* Say so before the user tries, rather than refuse afterwards. */
  if (existing != NULL)
    /* Translators: %s is the title of a message */
    hint = g_strdup_printf (_("Exists already: “%s”"), apl_message_get_title (existing));
  gtk_label_set_label (self->variant_hint, hint ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->variant_hint), hint != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.create-variant", existing == NULL);
}

/* The popover opens on the first missing variant of the group (French for
 * an English holding statement); when none is missing, on the same
 * language and the next channel the group does not use yet. */
static void
variant_popover_show_cb (AplMessagesPage *self)
{
  AplMessage *message = apl_messages_page_get_selected_message (self);
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) plan_languages = NULL;
  GtkStringList *names;
  const char *language = NULL;
  AplChannel channel = APL_N_CHANNELS;

  if (message == NULL || self->store == NULL)
    return;
  apl_message_editor_flush (self->editor);

  /* The editor's languages, then any other the plan uses. */
  self->syncing = TRUE;
  g_ptr_array_set_size (self->variant_codes, 0);
  names = gtk_string_list_new (NULL);
  for (guint i = 0; apl_message_editor_get_language_code (i) != NULL; i++)
    g_ptr_array_add (self->variant_codes, g_strdup (apl_message_editor_get_language_code (i)));
  plan_languages = self->plan ? apl_store_get_plan_languages (self->store, self->plan, NULL) : NULL;
  for (guint i = 0; plan_languages != NULL && i < plan_languages->len; i++)
    if (variant_language_position (self, g_ptr_array_index (plan_languages, i)) == GTK_INVALID_LIST_POSITION)
      g_ptr_array_add (self->variant_codes, g_strdup (g_ptr_array_index (plan_languages, i)));
  for (guint i = 0; i < self->variant_codes->len; i++)
    gtk_string_list_append (names, apl_message_editor_get_language_name (g_ptr_array_index (self->variant_codes, i)));
  gtk_drop_down_set_model (self->variant_language, G_LIST_MODEL (names));
  g_object_unref (names);

  slots = apl_store_get_variant_slots (self->store, message, NULL);
  for (guint i = 0; slots != NULL && i < slots->len && language == NULL; i++)
    {
      AplVariantSlot *slot = &g_array_index (slots, AplVariantSlot, i);

      if (slot->message == NULL)
        {
          language = slot->language;
          channel = slot->channel;
        }
    }
  if (language == NULL)
    {
      gboolean used[APL_N_CHANNELS] = { FALSE, };

      variants = apl_store_get_variants (self->store, message, NULL);
      for (guint i = 0; variants != NULL && i < variants->len; i++)
        if (g_strcmp0 (apl_message_get_language (g_ptr_array_index (variants, i)),
                       apl_message_get_language (message)) == 0)
          used[apl_message_get_channel (g_ptr_array_index (variants, i))] = TRUE;
      language = apl_message_get_language (message);
      for (AplChannel c = 0; c < APL_N_CHANNELS && channel == APL_N_CHANNELS; c++)
        if (!used[c])
          channel = c;
      if (channel == APL_N_CHANNELS)
        channel = apl_message_get_channel (message);
    }
  if (variant_language_position (self, language) == GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (self->variant_codes, g_strdup (language));
      gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (self->variant_language)), language);
    }
  gtk_drop_down_set_selected (self->variant_language, variant_language_position (self, language));
  gtk_drop_down_set_selected (self->variant_channel, channel);
  self->syncing = FALSE;
  variant_choice_changed_cb (self);
}

static void
duplicate_as_variant_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (widget);

  if (apl_messages_page_get_selected_message (self) == NULL)
    return;
  gtk_menu_button_popup (self->variant_button);
}

static void
create_variant_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (widget);
  AplMessage *message = apl_messages_page_get_selected_message (self);
  g_autofree char *author = author_name (self);
  g_autoptr(AplMessage) variant = NULL;
  g_autoptr(GError) error = NULL;
  const char *language = variant_language_code (self);
  guint channel = gtk_drop_down_get_selected (self->variant_channel);

  if (message == NULL || language == NULL || channel >= APL_N_CHANNELS)
    return;
  apl_message_editor_flush (self->editor);

  variant = apl_store_add_variant (self->store, message, language, (AplChannel) channel, author, &error);
  if (variant == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  gtk_popover_popdown (self->variant_popover);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apl_messages_page_select_message (self, variant);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (widget);
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint position;
  guint n_items;
  AdwToast *toast;

  if (apl_messages_page_get_selected_message (self) == NULL)
    return;
  message = g_object_ref (apl_messages_page_get_selected_message (self));
  position = gtk_single_selection_get_selected (self->selection);

  apl_message_editor_flush (self->editor);
  if (!apl_store_delete_message (self->store, message, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }

  /* Keep the neighbour selected rather than jumping to the top. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n_items > 0)
    gtk_single_selection_set_selected (self->selection, MIN (position, n_items - 1));

  /* Translators: %s is the title of a message */
  title = g_strdup_printf (_("“%s” deleted"), apl_message_get_title (message));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "message", g_object_ref (message), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  add_toast (self, toast);
}

/* GObject */

static void
apl_messages_page_dispose (GObject *object)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (object);

  apl_messages_page_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_MESSAGES_PAGE);

  G_OBJECT_CLASS (apl_messages_page_parent_class)->dispose (object);
}

static void
apl_messages_page_finalize (GObject *object)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->approvals);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->matching, g_hash_table_unref);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->scenario_values, g_ptr_array_unref);
  g_clear_pointer (&self->variant_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (apl_messages_page_parent_class)->finalize (object);
}

static void
apl_messages_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_messages_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AplMessagesPage *self = APL_MESSAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      apl_messages_page_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_messages_page_class_init (AplMessagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_messages_page_dispose;
  object_class->finalize = apl_messages_page_finalize;
  object_class->get_property = apl_messages_page_get_property;
  object_class->set_property = apl_messages_page_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, APL_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (APL_TYPE_MESSAGE);
  g_type_ensure (APL_TYPE_MESSAGE_EDITOR);
  g_type_ensure (APL_TYPE_MESSAGE_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-messages-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, paned);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, channel_filter);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, language_filter);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, phase_filter);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, scenario_filter);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, approval_filter);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, variant_button);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, variant_popover);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, variant_language);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, variant_channel);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, variant_hint);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, message_list);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AplMessagesPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, variant_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, variant_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_activate_message_cb);

  gtk_widget_class_install_action (widget_class, "messages.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "messages.add-starters", NULL, add_starters_action);
  gtk_widget_class_install_action (widget_class, "messages.duplicate-as-variant", NULL,
                                   duplicate_as_variant_action);
  gtk_widget_class_install_action (widget_class, "messages.create-variant", NULL, create_variant_action);
  gtk_widget_class_install_action (widget_class, "messages.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "messages.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "messages.duplicate-as-variant", NULL);
}

static void
apl_messages_page_init (AplMessagesPage *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) variant_channels = gtk_string_list_new (NULL);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->syncing = TRUE;
  gtk_string_list_append (channels, _("All channels"));
  for (AplChannel channel = 0; channel < APL_N_CHANNELS; channel++)
    gtk_string_list_append (channels, apl_channel_get_name (channel));
  gtk_drop_down_set_model (self->channel_filter, G_LIST_MODEL (channels));
  gtk_string_list_append (phases, _("All phases"));
  for (AplPhase phase = 0; phase < APL_N_PHASES; phase++)
    gtk_string_list_append (phases, apl_phase_get_name (phase));
  gtk_drop_down_set_model (self->phase_filter, G_LIST_MODEL (phases));
  gtk_string_list_append (statuses, _("All approval statuses"));
  for (AplMessageStatus status = 0; status < APL_MESSAGE_N_STATUSES; status++)
    gtk_string_list_append (statuses, apl_message_status_get_name (status));
  gtk_drop_down_set_model (self->approval_filter, G_LIST_MODEL (statuses));
  for (AplChannel channel = 0; channel < APL_N_CHANNELS; channel++)
    gtk_string_list_append (variant_channels, apl_channel_get_name (channel));
  gtk_drop_down_set_model (self->variant_channel, G_LIST_MODEL (variant_channels));
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->scenario_values = g_ptr_array_new_with_free_func (g_free);
  self->variant_codes = g_ptr_array_new_with_free_func (g_free);
  self->syncing = FALSE;
  fill_language_filter (self);
  fill_scenario_filter (self);
  gtk_widget_set_visible (GTK_WIDGET (self->variant_hint), FALSE);

  self->filter = gtk_custom_filter_new (message_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->message_list, GTK_SELECTION_MODEL (self->selection));

  /* The author of versions: the name from Preferences, kept up to date. */
  schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed::user-name", G_CALLBACK (update_author), self,
                               G_CONNECT_SWAPPED);
    }
  update_author (self);
  update_content (self);
}

/* Public API */

void
apl_messages_page_set_store (AplMessagesPage *self,
                             AplStore        *store)
{
  g_return_if_fail (APL_IS_MESSAGES_PAGE (self));

  apl_messages_page_set_plan (self, NULL);
  g_set_object (&self->store, store);
  apl_message_editor_set_store (self->editor, store);

  if (self->approvals != NULL)
    g_signal_handlers_disconnect_by_func (self->approvals, approvals_changed_cb, self);
  g_clear_object (&self->approvals);
  if (store != NULL)
    {
      self->approvals = g_object_ref (apl_approvals_get (store));
      g_signal_connect_object (self->approvals, "changed", G_CALLBACK (approvals_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

AplPlan *
apl_messages_page_get_plan (AplMessagesPage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGES_PAGE (self), NULL);
  return self->plan;
}

void
apl_messages_page_set_plan (AplMessagesPage *self,
                            AplPlan         *plan)
{
  g_autoptr(GError) error = NULL;
  GListModel *messages = NULL;

  g_return_if_fail (APL_IS_MESSAGES_PAGE (self));
  g_return_if_fail (plan == NULL || APL_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  /* Switching plans saves what was typed for the previous one. */
  apl_message_editor_set_message (self->editor, NULL);

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, messages_changed_cb, self);
  g_set_object (&self->plan, plan);

  if (plan != NULL && self->store != NULL)
    {
      messages = apl_store_get_messages (self->store, plan, &error);
      if (messages == NULL)
        show_message (self, error->message, TRUE);
    }
  g_set_object (&self->messages, messages);
  if (messages != NULL)
    g_signal_connect_object (messages, "items-changed", G_CALLBACK (messages_changed_cb), self,
                             G_CONNECT_SWAPPED);

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->channel_filter, 0);
  gtk_drop_down_set_selected (self->phase_filter, 0);
  gtk_drop_down_set_selected (self->scenario_filter, 0);
  gtk_drop_down_set_selected (self->approval_filter, 0);
  self->syncing = FALSE;
  fill_language_filter (self);
  fill_scenario_filter (self);
  g_clear_pointer (&self->matching, g_hash_table_unref);

  gtk_filter_list_model_set_model (self->filtered, messages);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_content (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * apl_messages_page_get_selected_message:
 *
 * Returns: (transfer none) (nullable): the message in the editor
 */
AplMessage *
apl_messages_page_get_selected_message (AplMessagesPage *self)
{
  g_return_val_if_fail (APL_IS_MESSAGES_PAGE (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

void
apl_messages_page_select_message (AplMessagesPage *self,
                                  AplMessage      *message)
{
  guint position;

  g_return_if_fail (APL_IS_MESSAGES_PAGE (self));
  g_return_if_fail (APL_IS_MESSAGE (message));

  position = find_position (G_LIST_MODEL (self->selection), message);
  if (position == GTK_INVALID_LIST_POSITION && self->matching != NULL)
    {
      /* A message hidden by the search is shown by clearing it. */
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->channel_filter, 0);
      gtk_drop_down_set_selected (self->language_filter, 0);
      gtk_drop_down_set_selected (self->phase_filter, 0);
      gtk_drop_down_set_selected (self->scenario_filter, 0);
      gtk_drop_down_set_selected (self->approval_filter, 0);
      self->syncing = FALSE;
      refilter (self);
      position = find_position (G_LIST_MODEL (self->selection), message);
    }
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  update_content (self);
}
