/* apl-message-editor.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One message template, edited in place: the body with its placeholders
 * highlighted, a counter against the channel's limit, a preview with the
 * plan's values, the message's variants and its version history.
 *
 * Counter, highlighting and preview follow every keystroke; saving waits
 * for a pause of APL_MESSAGE_EDITOR_SAVE_DELAY_MS (the core folds the saves
 * of one author into one version), and happens at once when the editor
 * loses focus or another message is shown.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "apl-approval-bar.h"
#include "apl-contact-book.h"
#include "apl-crisis.h"
#include "apl-diff.h"
#include "apl-stakeholder-register.h"
#include "apl-message-editor.h"

struct _AplMessageEditor
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkBox           *root_box;
  GtkEntry         *title_entry;
  GtkMenuButton    *history_button;
  GtkDropDown      *channel_dropdown;
  GtkDropDown      *language_dropdown;
  GtkDropDown      *phase_dropdown;
  GtkFlowBox       *variants_box;
  GtkBox           *subject_box;
  GtkLabel         *subject_label;
  GtkEntry         *subject_entry;
  GtkSourceView    *body_view;
  GtkLabel         *problems_label;
  GtkLabel         *counter_label;
  GtkTextView      *preview_view;
  GtkLabel         *missing_label;
  GtkListBox       *missing_list;
  GtkPopover       *history_popover;
  GtkListBox       *versions_list;
  GtkLabel         *diff_label;
  GtkTextView      *diff_view;
  GtkButton        *restore_button;
  AplApprovalBar   *approval_bar;
  GtkDropDown      *scenario_dropdown;
  GtkEntry         *scenario_entry;
  GtkFlowBox       *audience_box;
  GtkMenuButton    *audience_button;
  GtkPopover       *audience_popover;
  GtkListBox       *audience_choices;
  GtkLabel         *audience_empty;
  GtkMenuButton    *placeholder_button;
  GtkPopover       *placeholder_popover;
  GtkEntry         *placeholder_name;
  GtkEntry         *placeholder_value;
  GtkCheckButton   *placeholder_language_only;
  GtkButton        *placeholder_add_button;

  AplStore         *store;
  AplMessage       *message;
  GListModel       *plan_messages;
  char             *author;
  GHashTable       *values;
  GtkStringList    *language_names;
  GPtrArray        *language_codes;
  GPtrArray        *versions;
  char             *rendered_text;
  char             *unfilled_key;
  /* The scenario dropdown's values: "" for none, then the plan's
   * scenarios (and the message's own, when the plan no longer has it). */
  GPtrArray        *scenario_values;
  guint             save_source;
  /* Set while the widgets are filled from the message, so that filling
   * them is not taken for an edit. */
  gboolean          syncing;
  /* Set while save_now() writes: the notifications of our own save must
   * not rebuild a dropdown that is emitting the change being saved. */
  gboolean          saving;
};

G_DEFINE_FINAL_TYPE (AplMessageEditor, apl_message_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  ERROR,
  TOAST,
  ACTIVATE_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Language names are shown in their own language, as language pickers do. */
static const struct { const char *code; const char *name; } languages[] = {
  { "en", "English" },
  { "fr", "Français" },
  { "de", "Deutsch" },
  { "es", "Español" },
  { "it", "Italiano" },
  { "nl", "Nederlands" },
  { "pt", "Português" },
};

/* Placeholders that read differently in each language are saved for the
 * message's language; the others for all of them. */
static gboolean
is_language_specific (const char *name)
{
  return g_str_equal (name, "incident") || g_str_equal (name, "next_update");
}

/* Helpers */

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkTextBuffer *
body_buffer (AplMessageEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
}

static AplChannel
selected_channel (AplMessageEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->channel_dropdown);

  return position < APL_N_CHANNELS ? (AplChannel) position : APL_CHANNEL_PRESS_RELEASE;
}

static const char *
selected_language (AplMessageEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->language_dropdown);

  if (position >= self->language_codes->len)
    return self->message ? apl_message_get_language (self->message) : "en";
  return g_ptr_array_index (self->language_codes, position);
}

static guint
language_position (AplMessageEditor *self,
                   const char       *code)
{
  for (guint i = 0; i < self->language_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->language_codes, i), code) == 0)
      return i;

  /* A message in another language keeps it, shown by its code. */
  g_ptr_array_add (self->language_codes, g_strdup (code));
  gtk_string_list_append (self->language_names, code);
  return self->language_codes->len - 1;
}

static AplPlan *
current_plan (AplMessageEditor *self)
{
  if (self->store == NULL || self->message == NULL)
    return NULL;
  return apl_store_find_plan (self->store, apl_message_get_plan_id (self->message));
}

static void
report_error (AplMessageEditor *self,
              const GError     *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
refresh_values (AplMessageEditor *self)
{
  AplPlan *plan = current_plan (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->values, g_hash_table_unref);
  if (plan != NULL)
    self->values = apl_store_get_placeholder_values (self->store, plan, selected_language (self), &error);
  if (self->values == NULL)
    self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (error != NULL)
    report_error (self, error);
}

static void
tag_set_colour (GtkTextBuffer *buffer,
                const char    *tag_name,
                GtkWidget     *widget,
                const char    *colour_name,
                gboolean       background)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (tag == NULL || !gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), colour_name, &rgba))
    return;
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (background)
    {
      rgba.alpha = 0.22;
      g_object_set (tag, "background-rgba", &rgba, NULL);
    }
  else
    g_object_set (tag, "foreground-rgba", &rgba, "underline-rgba", &rgba, NULL);
}

/* Text tags take colours, not CSS: look libadwaita's named colours up again
 * whenever the style (light, dark, high contrast) changes. */
static void
update_tag_colours (AplMessageEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkTextBuffer *body = body_buffer (self);
  GtkTextBuffer *preview = gtk_text_view_get_buffer (self->preview_view);
  GtkTextBuffer *diff = gtk_text_view_get_buffer (self->diff_view);

  tag_set_colour (body, "placeholder", widget, "accent_bg_color", TRUE);
  tag_set_colour (body, "placeholder-error", widget, "error_color", FALSE);
  tag_set_colour (body, "over-limit", widget, "warning_color", TRUE);
  tag_set_colour (preview, "unfilled", widget, "warning_color", TRUE);
  tag_set_colour (diff, "inserted", widget, "success_color", TRUE);
  tag_set_colour (diff, "deleted", widget, "error_color", FALSE);
  tag_set_colour (diff, "field", widget, "accent_color", FALSE);
}

static void
highlight_body (AplMessageEditor *self,
                const char       *text)
{
  GtkTextBuffer *buffer = body_buffer (self);
  g_autoptr(GArray) found = apl_placeholder_parse (text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "placeholder", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "placeholder-error", &start, &end);

  for (guint i = 0; i < found->len; i++)
    {
      AplPlaceholder *p = &g_array_index (found, AplPlaceholder, i);
      gboolean known = p->problem == APL_PLACEHOLDER_OK
                       && (self->values == NULL || g_hash_table_contains (self->values, p->name));

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) p->char_start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) p->char_end);
      gtk_text_buffer_apply_tag_by_name (buffer, known ? "placeholder" : "placeholder-error", &start, &end);
    }
}

static void update_live (AplMessageEditor *self);

static gboolean
refresh_idle_cb (gpointer user_data)
{
  AplMessageEditor *self = user_data;

  update_live (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
value_applied_cb (AdwEntryRow      *row,
                  AplMessageEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "placeholder-name");
  AplPlan *plan = current_plan (self);
  g_autoptr(GError) error = NULL;

  if (plan == NULL || name == NULL)
    return;

  if (!apl_store_set_placeholder_value (self->store, plan, name,
                                        is_language_specific (name) ? selected_language (self) : NULL,
                                        gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      report_error (self, error);
      return;
    }

  refresh_values (self);
  g_clear_pointer (&self->unfilled_key, g_free);
  /* Rebuilding the list from inside the row's own signal would free it
   * under GTK's feet: update on the next turn of the main loop. */
  g_idle_add (refresh_idle_cb, g_object_ref (self));
}

static void
update_missing (AplMessageEditor *self,
                GPtrArray        *unfilled)
{
  GString *key = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < unfilled->len; i++)
    g_string_append_printf (key, "%s\n", (const char *) g_ptr_array_index (unfilled, i));

  /* Rows are rebuilt only when the set of names changes, never while the
   * user types a value into one of them. */
  if (g_strcmp0 (self->unfilled_key, key->str) == 0)
    {
      g_string_free (key, TRUE);
      return;
    }
  g_free (self->unfilled_key);
  self->unfilled_key = g_string_free (key, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->missing_list))) != NULL)
    gtk_list_box_remove (self->missing_list, child);

  for (guint i = 0; i < unfilled->len; i++)
    {
      const char *name = g_ptr_array_index (unfilled, i);
      g_autofree char *title = g_strdup_printf ("{{%s}}", name);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "placeholder-name", g_strdup (name), g_free);
      gtk_widget_set_tooltip_text (row, _("Type the value for this plan and press Enter"));
      g_signal_connect_object (row, "apply", G_CALLBACK (value_applied_cb), self, 0);
      gtk_list_box_append (self->missing_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), unfilled->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_list), unfilled->len > 0);
}

/* Whether the first @n_chars characters of @body, rendered, fit @limit. */
static gboolean
prefix_fits (AplMessageEditor *self,
             AplChannel        channel,
             const char       *body,
             glong             n_chars,
             guint             limit)
{
  g_autofree char *prefix = g_utf8_substring (body, 0, n_chars);
  g_autoptr(AplRendered) rendered = apl_placeholder_render (prefix, self->values);
  AplCount count = apl_channel_count (channel, rendered->text);

  return count.count <= limit;
}

/* The part of the text beyond the channel's limit (for an SMS, beyond the
 * first message) gets a warning background, in the text itself: the
 * writer sees where to cut, and nothing is cut. The limit counts the text
 * as sent, placeholders filled, so the boundary is found by measuring
 * rendered prefixes (a bisection: a few renders, only when over). */
static void
mark_over_limit (AplMessageEditor *self,
                 const char       *body,
                 const AplCount   *count)
{
  GtkTextBuffer *buffer = body_buffer (self);
  AplChannel channel = selected_channel (self);
  GtkTextIter start, end;
  glong low, high;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "over-limit", &start, &end);
  if (!count->over_limit || count->limit == 0)
    return;

  low = 0;
  high = g_utf8_strlen (body, -1);
  while (low < high)
    {
      glong middle = low + (high - low + 1) / 2;

      if (prefix_fits (self, channel, body, middle, count->limit))
        low = middle;
      else
        high = middle - 1;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) low);
  gtk_text_buffer_apply_tag_by_name (buffer, "over-limit", &start, &end);
}

static void
update_counter (AplMessageEditor *self,
                const char       *rendered_body)
{
  AplChannel channel = selected_channel (self);
  AplCount count = apl_channel_count (channel, rendered_body);
  g_autofree char *text = apl_count_format (&count);
  GtkWidget *label = GTK_WIDGET (self->counter_label);

  gtk_label_set_label (self->counter_label, text);
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->body_view), "over-limit");

  if (count.over_limit)
    {
      g_autofree char *description = NULL;

      /* A multi-part SMS still arrives: a warning. Over a post's limit the
       * channel refuses it: an error. Nothing is cut either way. */
      gtk_widget_add_css_class (label, channel == APL_CHANNEL_SMS ? "warning" : "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->body_view), "over-limit");
      if (channel == APL_CHANNEL_SMS)
        description = g_strdup_printf (_("Longer than one SMS: it will be sent as %u messages"), count.segments);
      else
        description = g_strdup_printf (_("Over the %s limit of %u characters"),
                                       apl_channel_get_name (channel), count.limit);
      gtk_widget_set_tooltip_text (label, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  else
    {
      gtk_widget_set_tooltip_text (label, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update_problems (AplMessageEditor *self,
                 GArray           *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < 3; i++)
    {
      g_autofree char *line = apl_placeholder_describe (&g_array_index (problems, AplPlaceholder, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }
  if (problems->len > 3)
    /* Translators: after the first three problems with placeholders */
    g_string_append_printf (text, "\n%s", _("…and more placeholders to fix."));

  gtk_label_set_label (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);
  g_string_free (text, TRUE);
}

static void
update_preview (AplMessageEditor *self,
                const char       *rendered)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview_view);
  g_autoptr(GArray) left = apl_placeholder_parse (rendered);
  GtkTextIter start, end;

  gtk_text_buffer_set_text (buffer, rendered, -1);
  /* Whatever still looks like a placeholder was not filled. */
  for (guint i = 0; i < left->len; i++)
    {
      AplPlaceholder *p = &g_array_index (left, AplPlaceholder, i);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) p->char_start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) p->char_end);
      gtk_text_buffer_apply_tag_by_name (buffer, "unfilled", &start, &end);
    }
}

/* Everything that follows the text as it is typed, from the widgets rather
 * than the saved message, so it never lags behind the save. */
static void
update_live (AplMessageEditor *self)
{
  g_autofree char *body = buffer_text (body_buffer (self));
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));
  gboolean has_subject = apl_channel_has_subject (selected_channel (self));
  g_autoptr(AplRendered) rendered = NULL;
  g_autoptr(AplRendered) rendered_subject = NULL;

  if (self->values == NULL)
    refresh_values (self);

  rendered = apl_placeholder_render (body, self->values);
  highlight_body (self, body);
  update_counter (self, rendered->text);
  {
    AplCount count = apl_channel_count (selected_channel (self), rendered->text);

    mark_over_limit (self, body, &count);
  }

  g_free (self->rendered_text);
  if (has_subject && *subject != '\0')
    {
      rendered_subject = apl_placeholder_render (subject, self->values);
      self->rendered_text = g_strconcat (rendered_subject->text, "\n\n", rendered->text, NULL);
      for (guint i = 0; i < rendered_subject->unfilled->len; i++)
        {
          const char *name = g_ptr_array_index (rendered_subject->unfilled, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < rendered->unfilled->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (rendered->unfilled, j), name);
          if (!seen)
            g_ptr_array_add (rendered->unfilled, g_strdup (name));
        }
    }
  else
    self->rendered_text = g_strdup (rendered->text);

  update_preview (self, self->rendered_text);
  update_missing (self, rendered->unfilled);
  update_problems (self, rendered->problems);
}

static void
update_subject_visibility (AplMessageEditor *self)
{
  AplChannel channel = selected_channel (self);

  gtk_widget_set_visible (GTK_WIDGET (self->subject_box), apl_channel_has_subject (channel));
  gtk_label_set_label (self->subject_label, apl_channel_get_subject_label (channel));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->subject_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  apl_channel_get_subject_label (channel), -1);
}

static void
variant_clicked_cb (GtkButton        *button,
                    AplMessageEditor *self)
{
  AplMessage *variant = g_object_get_data (G_OBJECT (button), "message");
  const char *language = g_object_get_data (G_OBJECT (button), "language");
  AplChannel channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "channel"));
  g_autoptr(AplMessage) created = NULL;
  g_autoptr(GError) error = NULL;

  if (variant == self->message)
    {
      /* The current variant stays pressed. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      return;
    }
  if (variant != NULL)
    {
      g_signal_emit (self, signals[ACTIVATE_MESSAGE], 0, variant);
      return;
    }

  apl_message_editor_flush (self);
  created = apl_store_add_variant (self->store, self->message, language, channel, self->author, &error);
  if (created == NULL)
    {
      report_error (self, error);
      return;
    }
  g_signal_emit (self, signals[ACTIVATE_MESSAGE], 0, created);
}

/* The variants strip: one button per language and channel the message's
 * group should cover, the missing ones dashed and ready to create. */
static void
update_variants (AplMessageEditor *self)
{
  g_autoptr(GArray) slots = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->variants_box))) != NULL)
    gtk_flow_box_remove (self->variants_box, child);

  if (self->message == NULL || self->store == NULL)
    return;
  slots = apl_store_get_variant_slots (self->store, self->message, NULL);
  if (slots == NULL)
    return;

  for (guint i = 0; i < slots->len; i++)
    {
      AplVariantSlot *slot = &g_array_index (slots, AplVariantSlot, i);
      g_autofree char *upper = g_ascii_strup (slot->language, -1);
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button;

      if (slot->message != NULL)
        {
          /* Translators: a variant of a message: language code · channel */
          label = g_strdup_printf (_("%s · %s"), upper, apl_channel_get_name (slot->channel));
          tooltip = slot->message == self->message
            ? g_strdup (_("This message"))
            : g_strdup_printf (_("Open “%s”"), apl_message_get_title (slot->message));
        }
      else
        {
          /* Translators: a missing variant of a message: language code · channel */
          label = g_strdup_printf (_("Missing: %s · %s"), upper, apl_channel_get_name (slot->channel));
          tooltip = g_strdup_printf (_("Create the %s variant for %s"), upper, apl_channel_get_name (slot->channel));
        }

      /* No style sheet of our own: the current variant is a pressed
       * toggle, the missing ones are flat and in the warning colour. */
      if (slot->message == self->message)
        {
          button = gtk_toggle_button_new_with_label (label);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
        }
      else
        button = gtk_button_new_with_label (label);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "caption");
      if (slot->message == NULL)
        {
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_add_css_class (button, "warning");
        }

      if (slot->message != NULL)
        g_object_set_data_full (G_OBJECT (button), "message", g_object_ref (slot->message), g_object_unref);
      g_object_set_data_full (G_OBJECT (button), "language", g_strdup (slot->language), g_free);
      g_object_set_data (G_OBJECT (button), "channel", GUINT_TO_POINTER (slot->channel));
      g_signal_connect_object (button, "clicked", G_CALLBACK (variant_clicked_cb), self, 0);
      gtk_flow_box_append (self->variants_box, button);
    }
}

static void save_field (AplMessageEditor *self,
                        AplMessageField   field,
                        const char       *value,
                        GtkWidget        *widget);

/* Scenario and audience */

/* A plan with scenarios offers them; a plan without keeps the free text, so
 * that a scenario can be named before the plan describes it. */
static void
fill_scenarios (AplMessageEditor *self)
{
  AplPlan *plan = current_plan (self);
  GListModel *scenarios = plan ? apl_store_get_scenarios (self->store, plan, NULL) : NULL;
  guint n = scenarios ? g_list_model_get_n_items (scenarios) : 0;
  const char *current = self->message ? apl_message_get_field (self->message, APL_MESSAGE_FIELD_SCENARIO) : "";
  g_autoptr(GPtrArray) values = NULL;
  gboolean same;
  guint position = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->scenario_dropdown), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scenario_entry), n == 0);
  if (self->saving)
    return;
  if (n == 0)
    {
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->scenario_entry)), current) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->scenario_entry), current);
      return;
    }

  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (values, g_strdup (""));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplScenario) scenario = g_list_model_get_item (scenarios, i);
      const char *title = apl_scenario_get_title (scenario);

      if (*title == '\0' || g_ptr_array_find_with_equal_func (values, title, g_str_equal, NULL))
        continue;
      g_ptr_array_add (values, g_strdup (title));
    }
  if (!g_ptr_array_find_with_equal_func (values, current, g_str_equal, &position))
    {
      /* A scenario the plan no longer has stays until the user picks another. */
      g_ptr_array_add (values, g_strdup (current));
      position = values->len - 1;
    }

  /* The same choices keep the same model: this also runs when the message
   * notifies a save made from inside the dropdown's own signal. */
  same = values->len == self->scenario_values->len;
  for (guint i = 0; same && i < values->len; i++)
    same = g_str_equal (g_ptr_array_index (values, i), g_ptr_array_index (self->scenario_values, i));
  if (!same)
    {
      GtkStringList *names = gtk_string_list_new (NULL);

      gtk_string_list_append (names, _("Any scenario"));
      for (guint i = 1; i < values->len; i++)
        gtk_string_list_append (names, g_ptr_array_index (values, i));
      g_ptr_array_unref (self->scenario_values);
      self->scenario_values = g_ptr_array_ref (values);
      gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (names));
      g_object_unref (names);
    }
  if (gtk_drop_down_get_selected (self->scenario_dropdown) != position)
    gtk_drop_down_set_selected (self->scenario_dropdown, position);
}

static const char *
selected_scenario (AplMessageEditor *self)
{
  guint position;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->scenario_dropdown)))
    return gtk_editable_get_text (GTK_EDITABLE (self->scenario_entry));
  position = gtk_drop_down_get_selected (self->scenario_dropdown);
  if (position >= self->scenario_values->len)
    return self->message ? apl_message_get_field (self->message, APL_MESSAGE_FIELD_SCENARIO) : "";
  return g_ptr_array_index (self->scenario_values, position);
}

/* The name of a group or segment, or NULL when it is gone. */
static char *
audience_name (AplMessageEditor *self,
               AplAudienceKind   kind,
               gint64            id,
               GPtrArray        *segments)
{
  if (kind == APL_AUDIENCE_GROUP)
    {
      AplStakeholderRegister *reg = apl_stakeholder_register_get (self->store, NULL);
      GListModel *groups = reg ? apl_stakeholder_register_get_groups (reg) : NULL;
      guint n = groups ? g_list_model_get_n_items (groups) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (groups, i);

          if (apl_stakeholder_group_get_id (group) == id)
            return g_strdup (apl_stakeholder_group_get_name (group));
        }
      return NULL;
    }
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      AplContactSegment *segment = g_ptr_array_index (segments, i);

      if (segment->id == id)
        return g_strdup (segment->name);
    }
  return NULL;
}

static GPtrArray *
list_segments (AplMessageEditor *self)
{
  AplContactBook *book = self->store ? apl_contact_book_get (self->store, NULL) : NULL;

  return book ? apl_contact_book_list_segments (book, NULL) : NULL;
}

static void audience_chip_clicked_cb (GtkButton        *button,
                                      AplMessageEditor *self);

/* The audience as chips, one per group or segment; the free-text audience
 * field follows as their names, so that versions and plan files read. */
static void
update_audience (AplMessageEditor *self,
                 gboolean          save_text)
{
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audience_box))) != NULL)
    gtk_flow_box_remove (self->audience_box, child);
  if (self->message == NULL || self->store == NULL)
    return;

  refs = apl_store_get_message_audience (self->store, self->message, &error);
  if (refs == NULL)
    {
      report_error (self, error);
      return;
    }
  segments = list_segments (self);
  for (guint i = 0; i < refs->len; i++)
    {
      AplAudienceRef *ref = &g_array_index (refs, AplAudienceRef, i);
      g_autofree char *name = audience_name (self, ref->kind, ref->id, segments);
      g_autofree char *tooltip = NULL;
      GtkWidget *button, *box, *icon;

      if (name == NULL)
        continue;
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", name);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (ref->kind == APL_AUDIENCE_GROUP
                                                                    ? "system-users-symbolic"
                                                                    : "contact-new-symbolic"));
      gtk_box_append (GTK_BOX (box), gtk_label_new (name));
      icon = gtk_image_new_from_icon_name ("window-close-symbolic");
      gtk_box_append (GTK_BOX (box), icon);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "caption");
      /* Translators: %s is a stakeholder group or contact segment */
      tooltip = g_strdup_printf (_("Remove “%s” from the audience"), name);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data (G_OBJECT (button), "audience-kind", GUINT_TO_POINTER (ref->kind));
      g_object_set_data_full (G_OBJECT (button), "audience-id", g_memdup2 (&ref->id, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (button), "audience-name", g_strdup (name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (audience_chip_clicked_cb), self, 0);
      gtk_flow_box_append (self->audience_box, button);
    }

  if (save_text)
    save_field (self, APL_MESSAGE_FIELD_AUDIENCE, text->str, NULL);
}

static void
audience_chip_clicked_cb (GtkButton        *button,
                          AplMessageEditor *self)
{
  AplAudienceKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "audience-kind"));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "audience-id");
  g_autoptr(GError) error = NULL;

  if (!apl_store_remove_message_audience (self->store, self->message, kind, id, &error))
    {
      report_error (self, error);
      return;
    }
  update_audience (self, TRUE);
}

static void
add_choice (AplMessageEditor *self,
            AplAudienceKind   kind,
            gint64            id,
            const char       *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind == APL_AUDIENCE_GROUP ? _("Stakeholder group")
                                                                              : _("Contact segment"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "audience-kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "audience-id", g_memdup2 (&id, sizeof (gint64)), g_free);
  gtk_list_box_append (self->audience_choices, row);
}

static gboolean
refs_contain (GArray          *refs,
              AplAudienceKind  kind,
              gint64           id)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    if (g_array_index (refs, AplAudienceRef, i).kind == kind && g_array_index (refs, AplAudienceRef, i).id == id)
      return TRUE;
  return FALSE;
}

static void
audience_show_cb (AplMessageEditor *self)
{
  AplStakeholderRegister *reg = self->store ? apl_stakeholder_register_get (self->store, NULL) : NULL;
  GListModel *groups = reg ? apl_stakeholder_register_get_groups (reg) : NULL;
  g_autoptr(GPtrArray) segments = list_segments (self);
  g_autoptr(GArray) refs = NULL;
  guint n = groups ? g_list_model_get_n_items (groups) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audience_choices))) != NULL)
    gtk_list_box_remove (self->audience_choices, child);
  if (self->message == NULL)
    return;
  refs = apl_store_get_message_audience (self->store, self->message, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (groups, i);

      if (!refs_contain (refs, APL_AUDIENCE_GROUP, apl_stakeholder_group_get_id (group)))
        add_choice (self, APL_AUDIENCE_GROUP, apl_stakeholder_group_get_id (group),
                    apl_stakeholder_group_get_name (group));
    }
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      AplContactSegment *segment = g_ptr_array_index (segments, i);

      if (!refs_contain (refs, APL_AUDIENCE_SEGMENT, segment->id))
        add_choice (self, APL_AUDIENCE_SEGMENT, segment->id, segment->name);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->audience_empty),
                          gtk_widget_get_first_child (GTK_WIDGET (self->audience_choices)) == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->audience_choices),
                          gtk_widget_get_first_child (GTK_WIDGET (self->audience_choices)) != NULL);
}

static void
audience_choice_activated_cb (AplMessageEditor *self,
                              GtkListBoxRow    *row)
{
  AplAudienceKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "audience-kind"));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "audience-id");
  g_autoptr(GError) error = NULL;

  if (self->message == NULL)
    return;
  if (!apl_store_add_message_audience (self->store, self->message, kind, id, &error))
    {
      report_error (self, error);
      return;
    }
  gtk_popover_popdown (self->audience_popover);
  update_audience (self, TRUE);
}

static void
sync_from_message (AplMessageEditor *self)
{
  GtkTextBuffer *buffer = body_buffer (self);
  g_autofree char *body = buffer_text (buffer);
  AplMessage *message = self->message;

  if (message == NULL)
    return;

  self->syncing = TRUE;

  if (!gtk_widget_has_css_class (GTK_WIDGET (self->title_entry), "error")
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)), apl_message_get_title (message)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_entry), apl_message_get_title (message));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)), apl_message_get_subject (message)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), apl_message_get_subject (message));
  if (g_strcmp0 (body, apl_message_get_body (message)) != 0)
    {
      /* Loading another text is not an edit the user wants to undo. */
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, apl_message_get_body (message), -1);
      gtk_text_buffer_end_irreversible_action (buffer);
    }

  gtk_drop_down_set_selected (self->channel_dropdown, apl_message_get_channel (message));
  gtk_drop_down_set_selected (self->phase_dropdown, apl_message_get_phase (message));
  gtk_drop_down_set_selected (self->language_dropdown, language_position (self, apl_message_get_language (message)));
  fill_scenarios (self);

  self->syncing = FALSE;

  update_subject_visibility (self);
  refresh_values (self);
  update_live (self);
}

static void
mark_field (GtkWidget    *widget,
            const GError *error)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_widget_set_tooltip_text (widget, NULL);
      return;
    }
  gtk_widget_add_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, error->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error->message, -1);
}

static void
save_field (AplMessageEditor *self,
            AplMessageField   field,
            const char       *value,
            GtkWidget        *widget)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (apl_message_get_field (self->message, field), value) == 0)
    {
      if (widget != NULL)
        mark_field (widget, NULL);
      return;
    }

  if (apl_message_set_field (self->message, field, value, self->author, &error))
    {
      if (widget != NULL)
        mark_field (widget, NULL);
      return;
    }

  /* A refused value stays where it was typed, marked; anything else (a
   * full disk) needs the window's attention too. */
  if (widget != NULL)
    mark_field (widget, error);
  if (!g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID) || widget == NULL)
    report_error (self, error);
}

static void
save_now (AplMessageEditor *self)
{
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->message == NULL)
    return;

  /* The message may change under us (notify), so hold it. */
  g_object_ref (self->message);
  self->saving = TRUE;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
  body = buffer_text (body_buffer (self));

  save_field (self, APL_MESSAGE_FIELD_TITLE, title, GTK_WIDGET (self->title_entry));
  {
    g_autofree char *scenario = g_strstrip (g_strdup (selected_scenario (self)));

    save_field (self, APL_MESSAGE_FIELD_SCENARIO, scenario, GTK_WIDGET (self->scenario_entry));
  }
  save_field (self, APL_MESSAGE_FIELD_CHANNEL, apl_channel_get_key (selected_channel (self)), NULL);
  save_field (self, APL_MESSAGE_FIELD_LANGUAGE, selected_language (self), NULL);
  save_field (self, APL_MESSAGE_FIELD_PHASE,
              apl_phase_get_key ((AplPhase) MIN (gtk_drop_down_get_selected (self->phase_dropdown),
                                                 APL_N_PHASES - 1)),
              NULL);
  save_field (self, APL_MESSAGE_FIELD_SUBJECT, gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)),
              GTK_WIDGET (self->subject_entry));
  save_field (self, APL_MESSAGE_FIELD_BODY, body, GTK_WIDGET (self->body_view));
  self->saving = FALSE;
  g_object_unref (self->message);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  AplMessageEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (AplMessageEditor *self)
{
  if (self->syncing || self->message == NULL)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (APL_MESSAGE_EDITOR_SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Version history */

static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static void
fill_versions (AplMessageEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->versions_list))) != NULL)
    gtk_list_box_remove (self->versions_list, child);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->diff_view), "", -1);
  gtk_label_set_label (self->diff_label, _("Choose a version to see what changed since."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.restore-version", FALSE);

  if (self->message == NULL)
    return;
  self->versions = apl_message_list_versions (self->message, &error);
  if (self->versions == NULL)
    {
      report_error (self, error);
      return;
    }

  for (guint i = 0; i < self->versions->len; i++)
    {
      AplMessageVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *title = NULL;
      g_autofree char *when = format_time (version->saved_at);
      g_autofree char *subtitle = NULL;
      const char *author = *version->author != '\0' ? version->author : _("Unknown author");
      GtkWidget *row = adw_action_row_new ();

      if (version->kind == APL_VERSION_RESTORED)
        /* Translators: a version of a message that brought back an older one */
        title = g_strdup_printf (_("Version %u, restored from version %u"), version->number, version->restored_from);
      else if (i == 0)
        title = g_strdup_printf (_("Version %u (current)"), version->number);
      else
        title = g_strdup_printf (_("Version %u"), version->number);
      /* Translators: who saved a version, and when */
      subtitle = g_strdup_printf (_("%s · %s"), author, when);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->versions_list, row);
    }

  /* The version before the current one is what a reviewer wants to see. */
  if (self->versions->len > 1)
    gtk_list_box_select_row (self->versions_list, gtk_list_box_get_row_at_index (self->versions_list, 1));
}

/* One field's word-level changes under its name; returns whether any. */
static gboolean
append_field_diff (GtkTextBuffer *buffer,
                   const char    *label,
                   const char    *old_text,
                   const char    *new_text)
{
  g_autoptr(GArray) chunks = apl_diff_words (old_text, new_text);
  g_autofree char *heading = g_strdup_printf ("%s\n", label);
  gboolean changed = FALSE;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, heading, -1, "field", NULL);
  for (guint i = 0; i < chunks->len; i++)
    {
      AplDiffChunk *chunk = &g_array_index (chunks, AplDiffChunk, i);

      if (chunk->op == APL_DIFF_SAME)
        gtk_text_buffer_insert (buffer, &end, chunk->text, -1);
      else
        {
          gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1,
                                                    chunk->op == APL_DIFF_INSERTED ? "inserted" : "deleted",
                                                    NULL);
          changed = TRUE;
        }
    }
  return changed;
}

/* Title, subject and body, each compared word by word: a reviewer sees a
 * changed title or subject line as surely as a changed body. The subject
 * is left out when neither text has one. */
static void
show_diff (AplMessageEditor  *self,
           AplMessageVersion *version)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autofree char *body = buffer_text (body_buffer (self));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));
  g_autofree char *heading = NULL;
  gboolean changed = FALSE;

  gtk_text_buffer_set_text (buffer, "", -1);
  changed |= append_field_diff (buffer, _("Title"), version->fields[APL_MESSAGE_FIELD_TITLE], title);
  if (*subject != '\0' || *version->fields[APL_MESSAGE_FIELD_SUBJECT] != '\0')
    changed |= append_field_diff (buffer, _("Subject"), version->fields[APL_MESSAGE_FIELD_SUBJECT], subject);
  changed |= append_field_diff (buffer, _("Text"), version->fields[APL_MESSAGE_FIELD_BODY], body);

  if (!changed)
    heading = g_strdup_printf (_("Version %u has the same title, subject and text as now."), version->number);
  else
    heading = g_strdup_printf (_("From version %u to now: struck-through words were removed, highlighted words were added."),
                               version->number);
  gtk_label_set_label (self->diff_label, heading);
}

/* Callbacks */

static void
history_show_cb (AplMessageEditor *self)
{
  save_now (self);
  fill_versions (self);
}

static void
version_selected_cb (AplMessageEditor *self,
                     GtkListBoxRow    *row)
{
  AplMessageVersion *version;
  int index;

  if (row == NULL || self->versions == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.restore-version", FALSE);
      return;
    }
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->versions->len)
    return;

  version = g_ptr_array_index (self->versions, index);
  show_diff (self, version);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->restore_button), "u", version->number);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.restore-version", index > 0);
}

static void
body_changed_cb (AplMessageEditor *self)
{
  if (self->syncing)
    return;
  update_live (self);
  schedule_save (self);
}

static void
entry_changed_cb (AplMessageEditor *self)
{
  if (self->syncing)
    return;
  update_live (self);
  schedule_save (self);
}

static void
dropdown_changed_cb (AplMessageEditor *self)
{
  if (self->syncing)
    return;
  update_subject_visibility (self);
  refresh_values (self);
  update_live (self);
  /* A channel or language is chosen, not typed: save it at once, and the
   * variants strip follows. */
  save_now (self);
  update_variants (self);
}

static void
focus_leave_cb (AplMessageEditor *self)
{
  save_now (self);
}

static void
message_notify_cb (AplMessageEditor *self)
{
  /* Only changes made elsewhere (a restore) need the widgets refilled;
   * while a save is pending or being written field by field, the widgets
   * are ahead of the message (refilling them after the title is saved
   * would put back the old subject and body). */
  if (self->save_source == 0 && !self->saving)
    sync_from_message (self);
}

static void
plan_messages_changed_cb (AplMessageEditor *self)
{
  update_variants (self);
}

static gboolean
update_colours_idle_cb (gpointer user_data)
{
  update_tag_colours (APL_MESSAGE_EDITOR (user_data));
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

/* The body follows the light or dark style like the rest of the window. */
static void
update_style_scheme (AplMessageEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, adw_style_manager_get_dark (style)
                                                                ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (body_buffer (self)), scheme);
}

static void
style_changed_cb (AplMessageEditor *self)
{
  update_style_scheme (self);
  /* The named colours change with the style sheet, after this signal. */
  g_idle_add (update_colours_idle_cb, g_object_ref (self));
}

/* Actions */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (widget);

  if (self->message == NULL)
    return;
  save_now (self);
  update_live (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->rendered_text);
  g_signal_emit (self, signals[TOAST], 0, _("Rendered text copied"));
}

static void
restore_version_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (widget);
  guint number = g_variant_get_uint32 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->message == NULL)
    return;
  save_now (self);
  if (!apl_message_restore_version (self->message, number, self->author, &error))
    {
      report_error (self, error);
      return;
    }

  mark_field (GTK_WIDGET (self->title_entry), NULL);
  sync_from_message (self);
  gtk_popover_popdown (self->history_popover);
  text = g_strdup_printf (_("Version %u restored"), number);
  g_signal_emit (self, signals[TOAST], 0, text);
}

static void
placeholder_show_cb (AplMessageEditor *self)
{
  g_autofree char *label = NULL;
  const char *language = selected_language (self);

  mark_field (GTK_WIDGET (self->placeholder_name), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->placeholder_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->placeholder_value), "");
  /* Translators: %s is a language's name */
  label = g_strdup_printf (_("Only for messages in %s"), apl_message_editor_get_language_name (language));
  gtk_check_button_set_label (self->placeholder_language_only, label);
  gtk_check_button_set_active (self->placeholder_language_only, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->placeholder_name));
}

/* A placeholder of the plan's own, with its value for every language or
 * for the message's language only: afterwards the editor knows the name,
 * and the preview fills it in. */
static void
add_placeholder_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (widget);
  AplPlan *plan = current_plan (self);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *typed;

  if (plan == NULL)
    return;
  typed = gtk_editable_get_text (GTK_EDITABLE (self->placeholder_name));
  /* {{name}} as it is written in a message is understood too. */
  name = g_strstrip (g_strdup (typed));
  if (g_str_has_prefix (name, "{{") && g_str_has_suffix (name, "}}") && strlen (name) >= 4)
    {
      char *inner = g_strstrip (g_strndup (name + 2, strlen (name) - 4));

      g_free (name);
      name = inner;
    }

  if (!apl_store_set_placeholder_value (self->store, plan, name,
                                        gtk_check_button_get_active (self->placeholder_language_only)
                                        ? selected_language (self) : NULL,
                                        gtk_editable_get_text (GTK_EDITABLE (self->placeholder_value)), &error))
    {
      /* The name stays as typed, marked, with the reason. */
      mark_field (GTK_WIDGET (self->placeholder_name), error);
      if (!g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID))
        report_error (self, error);
      return;
    }

  mark_field (GTK_WIDGET (self->placeholder_name), NULL);
  gtk_popover_popdown (self->placeholder_popover);
  refresh_values (self);
  g_clear_pointer (&self->unfilled_key, g_free);
  update_live (self);
  /* Translators: %s is a placeholder's name */
  text = g_strdup_printf (_("Placeholder {{%s}} added to the plan"), name);
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* GObject */

static void
apl_message_editor_dispose (GObject *object)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (object);

  apl_message_editor_set_message (self, NULL);
  if (self->plan_messages != NULL)
    g_signal_handlers_disconnect_by_func (self->plan_messages, plan_messages_changed_cb, self);
  g_clear_object (&self->plan_messages);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_MESSAGE_EDITOR);

  G_OBJECT_CLASS (apl_message_editor_parent_class)->dispose (object);
}

static void
apl_message_editor_finalize (GObject *object)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (object);

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->rendered_text, g_free);
  g_clear_pointer (&self->unfilled_key, g_free);
  g_clear_pointer (&self->scenario_values, g_ptr_array_unref);

  G_OBJECT_CLASS (apl_message_editor_parent_class)->finalize (object);
}

static void
apl_message_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_message_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AplMessageEditor *self = APL_MESSAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      apl_message_editor_set_message (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_message_editor_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (apl_message_editor_parent_class)->realize (widget);
  update_tag_colours (APL_MESSAGE_EDITOR (widget));
}

static void
apl_message_editor_class_init (AplMessageEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_message_editor_dispose;
  object_class->finalize = apl_message_editor_finalize;
  object_class->get_property = apl_message_editor_get_property;
  object_class->set_property = apl_message_editor_set_property;
  widget_class->realize = apl_message_editor_realize;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, APL_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AplMessageEditor::error:
   * @message: a sentence for the user
   *
   * A change could not be saved for a reason the field itself cannot show.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AplMessageEditor::toast:
   * @message: a short confirmation for the user
   */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AplMessageEditor::activate-message:
   * @message: a variant the user wants to open (or has just created)
   */
  signals[ACTIVATE_MESSAGE] = g_signal_new ("activate-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, APL_TYPE_MESSAGE);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (APL_TYPE_APPROVAL_BAR);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-message-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, root_box);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, variants_box);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, subject_box);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, subject_label);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, counter_label);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, preview_view);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, missing_label);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, missing_list);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, history_popover);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, versions_list);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, diff_label);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, diff_view);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, approval_bar);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, scenario_entry);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, audience_box);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, audience_button);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, audience_popover);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, audience_choices);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, audience_empty);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, placeholder_button);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, placeholder_popover);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, placeholder_name);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, placeholder_value);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, placeholder_language_only);
  gtk_widget_class_bind_template_child (widget_class, AplMessageEditor, placeholder_add_button);
  gtk_widget_class_bind_template_callback (widget_class, audience_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, audience_choice_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, placeholder_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "editor.restore-version", "u", restore_version_action);
  gtk_widget_class_install_action (widget_class, "editor.add-placeholder", NULL, add_placeholder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.copy", NULL);
}

static void
apl_message_editor_init (AplMessageEditor *self)
{
  g_autoptr(GtkStringList) channel_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) phase_names = gtk_string_list_new (NULL);
  GtkTextBuffer *preview = NULL;
  GtkTextBuffer *diff = NULL;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->syncing = TRUE;

  for (AplChannel channel = 0; channel < APL_N_CHANNELS; channel++)
    gtk_string_list_append (channel_names, apl_channel_get_name (channel));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channel_names));
  for (AplPhase phase = 0; phase < APL_N_PHASES; phase++)
    gtk_string_list_append (phase_names, apl_phase_get_name (phase));
  gtk_drop_down_set_model (self->phase_dropdown, G_LIST_MODEL (phase_names));

  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->language_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_ptr_array_add (self->language_codes, g_strdup (languages[i].code));
      gtk_string_list_append (self->language_names, languages[i].name);
    }
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (self->language_names));
  g_object_unref (self->language_names);

  /* Placeholders stand out in the body; the malformed and unknown ones in
   * the error colour, underlined, so that they are seen without colour too. */
  gtk_text_buffer_create_tag (body_buffer (self), "placeholder", "weight", 600, NULL);
  gtk_text_buffer_create_tag (body_buffer (self), "placeholder-error",
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
  /* Its colour comes with the style (update_tag_colours). */
  gtk_text_buffer_create_tag (body_buffer (self), "over-limit", NULL);
  preview = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_create_tag (preview, "unfilled", "weight", 600, NULL);
  diff = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (diff, "inserted", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (diff, "deleted", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (diff, "field", "weight", 700, "scale", 0.85, NULL);
  self->scenario_values = g_ptr_array_new_with_free_func (g_free);

  self->syncing = FALSE;

  g_signal_connect_object (body_buffer (self), "changed", G_CALLBACK (body_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subject_entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->channel_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phase_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenario_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenario_entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_popover_set_default_widget (self->placeholder_popover, GTK_WIDGET (self->placeholder_add_button));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  /* A submission covers the saved text: save what is typed first. */
  g_signal_connect_object (self->approval_bar, "submitting", G_CALLBACK (save_now), self, G_CONNECT_SWAPPED);

  /* Leaving the editor saves at once: what is on screen is on disk. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  update_style_scheme (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.restore-version", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_list), FALSE);
}

/* Public API */

void
apl_message_editor_set_store (AplMessageEditor *self,
                              AplStore         *store)
{
  g_return_if_fail (APL_IS_MESSAGE_EDITOR (self));

  apl_message_editor_set_message (self, NULL);
  g_set_object (&self->store, store);
  apl_approval_bar_set_store (self->approval_bar, store);
}

/**
 * apl_message_editor_set_author:
 *
 * The name recorded in the version history for the edits made here.
 */
void
apl_message_editor_set_author (AplMessageEditor *self,
                               const char       *author)
{
  g_return_if_fail (APL_IS_MESSAGE_EDITOR (self));

  g_free (self->author);
  self->author = g_strdup (author ? author : "");
}

AplMessage *
apl_message_editor_get_message (AplMessageEditor *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE_EDITOR (self), NULL);
  return self->message;
}

void
apl_message_editor_set_message (AplMessageEditor *self,
                                AplMessage       *message)
{
  GListModel *plan_messages = NULL;

  g_return_if_fail (APL_IS_MESSAGE_EDITOR (self));
  g_return_if_fail (message == NULL || APL_IS_MESSAGE (message));

  if (self->message == message)
    return;

  /* Whatever was typed for the previous message is saved first. */
  save_now (self);

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_func (self->message, message_notify_cb, self);
  g_set_object (&self->message, message);
  g_clear_pointer (&self->unfilled_key, g_free);
  mark_field (GTK_WIDGET (self->title_entry), NULL);
  mark_field (GTK_WIDGET (self->subject_entry), NULL);

  if (message != NULL && self->store != NULL)
    {
      AplPlan *plan = current_plan (self);

      if (plan != NULL)
        plan_messages = apl_store_get_messages (self->store, plan, NULL);
    }
  if (plan_messages != self->plan_messages)
    {
      if (self->plan_messages != NULL)
        g_signal_handlers_disconnect_by_func (self->plan_messages, plan_messages_changed_cb, self);
      g_set_object (&self->plan_messages, plan_messages);
      if (plan_messages != NULL)
        g_signal_connect_object (plan_messages, "items-changed", G_CALLBACK (plan_messages_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  if (message != NULL)
    {
      g_signal_connect_object (message, "notify", G_CALLBACK (message_notify_cb), self, G_CONNECT_SWAPPED);
      /* A new text starts a new undo history. */
      gtk_text_buffer_begin_irreversible_action (body_buffer (self));
      sync_from_message (self);
      gtk_text_buffer_end_irreversible_action (body_buffer (self));
    }
  update_variants (self);
  update_audience (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->audience_button), message != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->placeholder_button), message != NULL);
  apl_approval_bar_set_message (self->approval_bar, message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/**
 * apl_message_editor_flush:
 *
 * Saves what is typed now instead of after the pause.
 */
void
apl_message_editor_flush (AplMessageEditor *self)
{
  g_return_if_fail (APL_IS_MESSAGE_EDITOR (self));
  save_now (self);
}

void
apl_message_editor_focus_title (AplMessageEditor *self)
{
  g_return_if_fail (APL_IS_MESSAGE_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->title_entry), 0, -1);
}

/**
 * apl_message_editor_get_rendered_text:
 *
 * Returns: (transfer full): the text as the preview shows it
 */
char *
apl_message_editor_get_rendered_text (AplMessageEditor *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE_EDITOR (self), NULL);
  return g_strdup (self->rendered_text ? self->rendered_text : "");
}

/**
 * apl_message_editor_get_language_code:
 * @index: from 0
 *
 * The languages the editor offers, in its order, for other pickers to
 * offer the same.
 *
 * Returns: (nullable): the code of the language at @index, %NULL past the end
 */
const char *
apl_message_editor_get_language_code (guint index)
{
  return index < G_N_ELEMENTS (languages) ? languages[index].code : NULL;
}

/**
 * apl_message_editor_get_language_name:
 *
 * Returns: the language's own name, or @code itself for one the editor
 *   does not name
 */
const char *
apl_message_editor_get_language_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return languages[i].name;
  return code;
}
