/* apl-stakeholders-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan's stakeholders: the power/interest map or a sortable list of the
 * same placements (or of the whole register of the workspace), and a side
 * panel that edits the selected one and its relationships. The map, the
 * lists and the panel all follow the core objects' notifications, so they
 * agree whichever of them the user edits.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-stakeholder-groups-dialog.h"
#include "apl-stakeholder-register.h"
#include "apl-stakeholders-page.h"
#include "apl-text.h"

/* Where a new stakeholder lands: "monitor", until the user says more. */
#define NEW_INFLUENCE 25
#define NEW_INTEREST  25
#define EXPORT_WIDTH  1600
#define EXPORT_HEIGHT 1000

struct _AplStakeholdersPage
{
  GtkWidget               parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  GtkToggleButton        *map_toggle;
  GtkToggleButton        *list_toggle;
  GtkToggleButton        *relationships_toggle;
  GtkMenuButton          *place_button;
  GtkToggleButton        *plan_scope_toggle;
  GtkToggleButton        *all_scope_toggle;
  GtkStack               *list_stack;
  GtkColumnView          *register_view;
  GtkColumnViewColumn    *register_name_column;
  GtkColumnViewColumn    *register_group_column;
  GtkColumnViewColumn    *register_owner_column;
  GtkColumnViewColumn    *register_reviewed_column;
  GtkColumnViewColumn    *register_placed_column;
  AdwPreferencesGroup    *unplaced_group;
  AdwPreferencesGroup    *relationships_group;
  GtkListBox             *relationship_list;
  GtkDropDown            *relationship_kind_drop;
  GtkDropDown            *relationship_target_drop;
  GtkListView            *place_list;
  GtkStack               *view_stack;
  AplStakeholderMap      *map;
  GtkSearchEntry         *search_entry;
  GtkDropDown            *group_filter;
  GtkColumnView          *column_view;
  GtkColumnViewColumn    *name_column;
  GtkColumnViewColumn    *group_column;
  GtkColumnViewColumn    *influence_column;
  GtkColumnViewColumn    *interest_column;
  GtkColumnViewColumn    *attitude_column;
  GtkColumnViewColumn    *quadrant_column;
  GtkStack               *panel_stack;
  AdwPreferencesGroup    *placement_group;
  AdwPreferencesGroup    *stakeholder_group;
  GtkSpinButton          *influence_spin;
  GtkSpinButton          *interest_spin;
  AdwComboRow            *attitude_row;
  AdwComboRow            *strength_row;
  AdwActionRow           *quadrant_row;
  AdwEntryRow            *name_row;
  AdwComboRow            *kind_row;
  AdwComboRow            *group_row;
  AdwEntryRow            *concerns_row;
  AdwEntryRow            *channels_row;
  AdwEntryRow            *owner_row;
  AdwEntryRow            *description_row;
  AdwEntryRow            *notes_row;
  AdwEntryRow            *reviewed_row;

  AplStore               *store;
  AplStakeholderRegister *stakeholders;
  AplPlan                *plan;
  AplPlacementList       *placements;
  /* The placement the panel edits, or NULL when the panel edits a
   * stakeholder of the register that is not on this plan. */
  AplPlacement           *selected;
  AplStakeholder         *current;

  GtkFilterListModel     *filtered;
  GtkCustomFilter        *filter;
  GtkSortListModel       *sorted;
  GtkSingleSelection     *selection;
  char                   *folded_search;
  GtkStringList          *group_names;

  GtkFilterListModel     *unplaced;
  GtkCustomFilter        *unplaced_filter;

  /* The whole register, for the list's "All Stakeholders" view. */
  GtkCustomFilter        *register_filter;
  GtkFilterListModel     *register_filtered;
  GtkSingleSelection     *register_selection;
  GPtrArray              *placed_labels;  /* "On This Plan" cells shown */

  /* The current stakeholder's relationships, and who they may be with. */
  GtkCustomFilter        *relationship_filter;
  GtkFilterListModel     *relationships;
  GtkCustomFilter        *target_filter;
  GtkFilterListModel     *targets;

  /* Kept for Undo while its toast shows. */
  AplPlacement           *removed;
  AplPlacementList       *removed_from;
  AplStakeholder         *deleted;
  AplStakeholder         *unrelated_from;
  AplStakeholder         *unrelated_to;
  AplRelationshipKind     unrelated_kind;

  /* Set while widgets are filled from the model, so that filling them is
   * not taken for an edit. */
  gboolean                syncing;
  /* Set while the map and the lists are told of a new selection, so that
   * their notifications do not come back as a selection of their own. */
  gboolean                selecting;
  /* The register and the plan's map are read when the page is first
   * shown: building its lists (hundreds of rows) is most of a start-up
   * that opens on another page. */
  gboolean                loaded;
};

static void ensure_loaded (AplStakeholdersPage *self);

/* The page's groups dialog is registered with the page, so that whatever
 * knows the page (the window's template, the template checks) knows the
 * dialog's template class too. */
G_DEFINE_FINAL_TYPE_WITH_CODE (AplStakeholdersPage, apl_stakeholders_page, GTK_TYPE_WIDGET,
                               g_type_ensure (APL_TYPE_STAKEHOLDER_GROUPS_DIALOG))

/* Helpers */

static void
show_toast (AplStakeholdersPage *self,
            const char          *title,
            const char          *undo_action)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (AplStakeholdersPage *self,
            const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static AdwEntryRow *
row_for_field (AplStakeholdersPage *self,
               AplStakeholderField  field)
{
  switch (field)
    {
    case APL_STAKEHOLDER_FIELD_NAME:
      return self->name_row;
    case APL_STAKEHOLDER_FIELD_DESCRIPTION:
      return self->description_row;
    case APL_STAKEHOLDER_FIELD_CONCERNS:
      return self->concerns_row;
    case APL_STAKEHOLDER_FIELD_CHANNELS:
      return self->channels_row;
    case APL_STAKEHOLDER_FIELD_OWNER:
      return self->owner_row;
    case APL_STAKEHOLDER_FIELD_NOTES:
      return self->notes_row;
    case APL_STAKEHOLDER_FIELD_LAST_REVIEWED:
      return self->reviewed_row;
    case APL_STAKEHOLDER_N_FIELDS:
    default:
      return NULL;
    }
}

/* What a group of the panel says when nothing is wrong. */
static const char *
group_description (AplStakeholdersPage *self,
                   AdwPreferencesGroup *group)
{
  if (group == self->stakeholder_group)
    return _("Shared by every plan of the workspace.");
  if (group == self->relationships_group)
    return _("Drawn as lines on the map.");
  return NULL;
}

/* A refused value stays where it was typed, marked, with the reason read
 * out by screen readers and shown under the group title. */
static void
mark_field (AplStakeholdersPage *self,
            GtkWidget           *widget,
            AdwPreferencesGroup *group,
            const GError        *error)
{
  if (error == NULL)
    {
      if (gtk_widget_has_css_class (widget, "error"))
        {
          gtk_widget_remove_css_class (widget, "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          adw_preferences_group_set_description (group, group_description (self, group));
        }
      return;
    }

  gtk_widget_add_css_class (widget, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
  adw_preferences_group_set_description (group, error->message);
}

static void
report (AplStakeholdersPage *self,
        GtkWidget           *widget,
        AdwPreferencesGroup *group,
        const GError        *error)
{
  mark_field (self, widget, group, error);
  if (error != NULL && !g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID))
    show_error (self, error->message);
}

static guint
group_position (AplStakeholdersPage *self,
                AplStakeholderGroup *group)
{
  guint position;

  if (self->stakeholders != NULL
      && g_list_store_find (G_LIST_STORE (apl_stakeholder_register_get_groups (self->stakeholders)),
                            group, &position))
    return position;
  return GTK_INVALID_LIST_POSITION;
}

static void
set_entry_text (GtkEditable *editable,
                const char  *text)
{
  g_autofree char *shown = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* An entry showing a refused value keeps it until the user fixes it. */
  if (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"))
    return;
  if (g_strcmp0 (shown, text) != 0)
    gtk_editable_set_text (editable, text);
}

static void
sync_panel (AplStakeholdersPage *self)
{
  AplStakeholder *stakeholder = self->current;

  if (stakeholder == NULL)
    {
      gtk_stack_set_visible_child_name (self->panel_stack, "empty");
      return;
    }

  self->syncing = TRUE;

  gtk_widget_set_visible (GTK_WIDGET (self->placement_group), self->selected != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->unplaced_group), self->selected == NULL);
  if (self->selected != NULL)
    {
      gtk_spin_button_set_value (self->influence_spin, apl_placement_get_influence (self->selected));
      gtk_spin_button_set_value (self->interest_spin, apl_placement_get_interest (self->selected));
      adw_combo_row_set_selected (self->attitude_row, apl_placement_get_attitude (self->selected));
      adw_combo_row_set_selected (self->strength_row, apl_placement_get_strength (self->selected) - 1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->strength_row),
                                apl_placement_get_attitude (self->selected) != APL_ATTITUDE_NEUTRAL);
      adw_action_row_set_subtitle (self->quadrant_row,
                                   apl_quadrant_get_label (apl_placement_get_quadrant (self->selected)));
    }

  for (AplStakeholderField field = 0; field < APL_STAKEHOLDER_N_FIELDS; field++)
    set_entry_text (GTK_EDITABLE (row_for_field (self, field)), apl_stakeholder_get_field (stakeholder, field));
  adw_combo_row_set_selected (self->kind_row, apl_stakeholder_get_kind (stakeholder));
  adw_combo_row_set_selected (self->group_row, group_position (self, apl_stakeholder_get_group (stakeholder)));

  self->syncing = FALSE;
  gtk_stack_set_visible_child_name (self->panel_stack, "details");
}

static void
clear_marks (AplStakeholdersPage *self)
{
  for (AplStakeholderField field = 0; field < APL_STAKEHOLDER_N_FIELDS; field++)
    mark_field (self, GTK_WIDGET (row_for_field (self, field)), self->stakeholder_group, NULL);
  mark_field (self, GTK_WIDGET (self->influence_spin), self->placement_group, NULL);
  mark_field (self, GTK_WIDGET (self->interest_spin), self->placement_group, NULL);
  mark_field (self, GTK_WIDGET (self->relationship_target_drop), self->relationships_group, NULL);
}

static guint
model_position (GListModel *model,
                gpointer    wanted)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (item == wanted)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void placement_notify_cb (AplStakeholdersPage *self);
static GtkWidget *create_relationship_row_cb (gpointer item,
                                              gpointer user_data);

static void
update_selection_actions (AplStakeholdersPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.remove-from-plan", self->selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.delete", self->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.place-current",
                                 self->current != NULL && self->selected == NULL && self->placements != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.add-relationship",
                                 self->current != NULL
                                 && gtk_drop_down_get_selected_item (self->relationship_target_drop) != NULL);
}

/* One selection for the map, both lists and the panel: a placement on
 * this plan, or (from the register) a stakeholder that is on no place of
 * it, with @placement %NULL. */
static void
select_stakeholder (AplStakeholdersPage *self,
                    AplPlacement        *placement,
                    AplStakeholder      *stakeholder)
{
  if (placement != NULL)
    stakeholder = apl_placement_get_stakeholder (placement);

  if (self->selected != placement || self->current != stakeholder)
    {
      if (self->selected != NULL)
        g_signal_handlers_disconnect_by_func (self->selected, placement_notify_cb, self);
      if (self->current != NULL)
        g_signal_handlers_disconnect_by_func (self->current, placement_notify_cb, self);
      g_set_object (&self->selected, placement);
      g_set_object (&self->current, stakeholder);
      if (placement != NULL)
        g_signal_connect_object (placement, "notify", G_CALLBACK (placement_notify_cb),
                                 self, G_CONNECT_SWAPPED);
      if (stakeholder != NULL)
        g_signal_connect_object (stakeholder, "notify", G_CALLBACK (placement_notify_cb),
                                 self, G_CONNECT_SWAPPED);
      clear_marks (self);
      gtk_filter_changed (GTK_FILTER (self->relationship_filter), GTK_FILTER_CHANGE_DIFFERENT);
      /* A relationship between the old and the new one stays in the list
       * but reads the other way round now: build the rows again. */
      gtk_list_box_bind_model (self->relationship_list, G_LIST_MODEL (self->relationships),
                               create_relationship_row_cb, self, NULL);
      gtk_filter_changed (GTK_FILTER (self->target_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }

  self->selecting = TRUE;
  if (apl_stakeholder_map_get_selected (self->map) != placement)
    apl_stakeholder_map_set_selected (self->map, placement);
  if (gtk_single_selection_get_selected_item (self->selection) != (gpointer) placement)
    gtk_single_selection_set_selected (self->selection,
                                       placement ? model_position (G_LIST_MODEL (self->selection), placement)
                                                 : GTK_INVALID_LIST_POSITION);
  if (gtk_single_selection_get_selected_item (self->register_selection) != (gpointer) stakeholder)
    gtk_single_selection_set_selected (self->register_selection,
                                       stakeholder ? model_position (G_LIST_MODEL (self->register_selection), stakeholder)
                                                   : GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;

  update_selection_actions (self);
  sync_panel (self);
}

static void
select_placement (AplStakeholdersPage *self,
                  AplPlacement        *placement)
{
  select_stakeholder (self, placement, NULL);
}

static void
refresh_group_filter (AplStakeholdersPage *self)
{
  GListModel *groups;
  guint n, selected;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  selected = gtk_drop_down_get_selected (self->group_filter);
  g_ptr_array_add (names, g_strdup (_("All Groups")));
  if (self->stakeholders != NULL)
    {
      groups = apl_stakeholder_register_get_groups (self->stakeholders);
      n = g_list_model_get_n_items (groups);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (groups, i);

          g_ptr_array_add (names, g_strdup (apl_stakeholder_group_get_name (group)));
          /* A group renamed in the groups dialog is renamed here too. */
          g_signal_handlers_disconnect_by_func (group, refresh_group_filter, self);
          g_signal_connect_object (group, "notify::name", G_CALLBACK (refresh_group_filter),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->group_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->group_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->group_filter,
                              selected < names->len - 1 ? selected : 0);
}

static void
update_actions (AplStakeholdersPage *self)
{
  gboolean ready = self->placements != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.add", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.export-png", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stakeholders.export-svg", ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->place_button), ready);
}

/* Callbacks */

static void
placement_notify_cb (AplStakeholdersPage *self)
{
  sync_panel (self);
}

static void update_placed_labels (AplStakeholdersPage *self);

static void
placements_changed_cb (AplStakeholdersPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->unplaced_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->target_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_placed_labels (self);

  /* A stakeholder of the register just put on this plan: the panel now
   * edits its place too. */
  if (self->current != NULL && self->selected == NULL && self->placements != NULL)
    {
      AplPlacement *placement = apl_placement_list_find (self->placements, self->current);

      if (placement != NULL)
        select_placement (self, placement);
    }
  update_selection_actions (self);
}

/* The search and the group filter, for both lists. */
static gboolean
stakeholder_matches (AplStakeholdersPage *self,
                     AplStakeholder      *stakeholder)
{
  guint group_index = gtk_drop_down_get_selected (self->group_filter);

  if (group_index != GTK_INVALID_LIST_POSITION && group_index > 0 && self->stakeholders != NULL)
    {
      g_autoptr(AplStakeholderGroup) group =
        g_list_model_get_item (apl_stakeholder_register_get_groups (self->stakeholders), group_index - 1);

      if (group != apl_stakeholder_get_group (stakeholder))
        return FALSE;
    }
  return apl_text_matches (apl_stakeholder_get_name (stakeholder), self->folded_search);
}

static gboolean
placement_matches (gpointer item,
                   gpointer user_data)
{
  return stakeholder_matches (user_data, apl_placement_get_stakeholder (APL_PLACEMENT (item)));
}

static gboolean
register_matches (gpointer item,
                  gpointer user_data)
{
  return stakeholder_matches (user_data, APL_STAKEHOLDER (item));
}

static gboolean
relationship_of_current (gpointer item,
                         gpointer user_data)
{
  AplStakeholdersPage *self = user_data;

  return self->current != NULL
         && (apl_relationship_get_from (item) == self->current || apl_relationship_get_to (item) == self->current);
}

/* Anyone else on this plan; the core refuses a relationship that already
 * exists, with a sentence that says so. */
static gboolean
possible_target (gpointer item,
                 gpointer user_data)
{
  AplStakeholdersPage *self = user_data;

  return self->current != NULL && apl_placement_get_stakeholder (item) != self->current;
}

static gboolean
stakeholder_unplaced (gpointer item,
                      gpointer user_data)
{
  AplStakeholdersPage *self = user_data;

  return self->placements != NULL
         && apl_placement_list_find (self->placements, APL_STAKEHOLDER (item)) == NULL;
}

static void
search_changed_cb (AplStakeholdersPage *self,
                   GtkSearchEntry      *entry)
{
  g_free (self->folded_search);
  self->folded_search = apl_text_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->register_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
group_filter_cb (AplStakeholdersPage *self)
{
  /* The drop-down tells as soon as it gets its model, before the filter
   * exists. */
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->register_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->register_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
scope_toggled_cb (AplStakeholdersPage *self)
{
  gtk_stack_set_visible_child_name (self->list_stack,
                                    gtk_toggle_button_get_active (self->all_scope_toggle) ? "register" : "plan");
}

static void
view_toggled_cb (AplStakeholdersPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (self->list_toggle) ? "list" : "map");
}

static void
map_selected_cb (AplStakeholdersPage *self)
{
  if (!self->selecting)
    select_placement (self, apl_stakeholder_map_get_selected (self->map));
}

static void
list_selected_cb (AplStakeholdersPage *self)
{
  AplPlacement *placement = gtk_single_selection_get_selected_item (self->selection);

  /* Filtering the list away from the selection does not unselect on the
   * map: the stakeholder is still there. */
  if (placement != NULL && !self->selecting)
    select_placement (self, placement);
}

static void
register_selected_cb (AplStakeholdersPage *self)
{
  AplStakeholder *stakeholder = gtk_single_selection_get_selected_item (self->register_selection);

  if (stakeholder == NULL || self->selecting)
    return;
  select_stakeholder (self, self->placements ? apl_placement_list_find (self->placements, stakeholder) : NULL,
                      stakeholder);
}

static void
relationship_target_cb (AplStakeholdersPage *self)
{
  /* The drop-down tells as soon as it is built, before the page is. */
  if (self->relationship_filter != NULL)
    update_selection_actions (self);
}

/* The "On This Plan" cells of the register follow the plan's map. */
static void
set_placed_label (AplStakeholdersPage *self,
                  GtkLabel            *label)
{
  AplStakeholder *stakeholder = g_object_get_data (G_OBJECT (label), "stakeholder");
  gboolean placed = stakeholder != NULL && self->placements != NULL
                    && apl_placement_list_find (self->placements, stakeholder) != NULL;

  gtk_label_set_label (label, placed ? _("Yes") : _("No"));
  if (placed)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_placed_labels (AplStakeholdersPage *self)
{
  GtkSorter *sorter = gtk_column_view_column_get_sorter (self->register_placed_column);

  for (guint i = 0; i < self->placed_labels->len; i++)
    set_placed_label (self, g_ptr_array_index (self->placed_labels, i));
  if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
placed_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 AplStakeholdersPage      *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
placed_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AplStakeholdersPage      *self)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  g_object_set_data_full (G_OBJECT (label), "stakeholder", g_object_ref (gtk_list_item_get_item (item)),
                          g_object_unref);
  g_ptr_array_add (self->placed_labels, label);
  set_placed_label (self, label);
}

static void
placed_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AplStakeholdersPage      *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  g_ptr_array_remove_fast (self->placed_labels, label);
  g_object_set_data (G_OBJECT (label), "stakeholder", NULL);
}

static const char *
relationship_phrase (AplRelationship *relationship,
                     gboolean         outgoing)
{
  switch (apl_relationship_get_kind (relationship))
    {
    case APL_RELATIONSHIP_INFLUENCES:
      return outgoing ? _("Influences") : _("Influenced by");
    case APL_RELATIONSHIP_REPORTS_TO:
      return outgoing ? _("Reports to") : _("Receives reports from");
    case APL_RELATIONSHIP_ALLIED_WITH:
    default:
      return _("Allied with");
    }
}

/* One row per relationship of the current stakeholder, seen from its side:
 * "Influences / Daily Courier", with a button that removes it. */
static GtkWidget *
create_relationship_row_cb (gpointer item,
                            gpointer user_data)
{
  AplStakeholdersPage *self = user_data;
  AplRelationship *relationship = item;
  gboolean outgoing = apl_relationship_get_from (relationship) == self->current;
  AplStakeholder *other = outgoing ? apl_relationship_get_to (relationship) : apl_relationship_get_from (relationship);
  gboolean on_plan = self->placements != NULL && apl_placement_list_find (self->placements, other) != NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  title = on_plan ? g_strdup (relationship_phrase (relationship, outgoing))
                  /* Translators: a relationship with a stakeholder of the
                   * register that is not on the plan shown, e.g.
                   * "Influences (not on this plan)" */
                  : g_strdup_printf (_("%s (not on this plan)"), relationship_phrase (relationship, outgoing));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_bind_property (other, "name", row, "subtitle", G_BINDING_SYNC_CREATE);

  /* Translators: the accessible name of the button that removes a
   * relationship; %s is the other stakeholder's name */
  label = g_strdup_printf (_("Remove relationship with %s"), apl_stakeholder_get_name (other));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (remove, _("Remove Relationship"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "stakeholders.remove-relationship");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_int64 (apl_relationship_get_id (relationship)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
map_error_cb (AplStakeholdersPage *self,
              const char          *message)
{
  show_error (self, message);
}

static void
position_spin_changed_cb (AplStakeholdersPage *self,
                          GtkSpinButton       *spin)
{
  g_autoptr(GError) error = NULL;
  int value = gtk_spin_button_get_value_as_int (spin);

  if (self->syncing || self->selected == NULL)
    return;

  if (spin == self->influence_spin)
    apl_placement_set_influence (self->selected, value, &error);
  else
    apl_placement_set_interest (self->selected, value, &error);
  report (self, GTK_WIDGET (spin), self->placement_group, error);
}

static void
attitude_selected_cb (AplStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;
  guint attitude = adw_combo_row_get_selected (self->attitude_row);
  guint strength = adw_combo_row_get_selected (self->strength_row);

  if (self->syncing || self->selected == NULL
      || attitude == GTK_INVALID_LIST_POSITION || strength == GTK_INVALID_LIST_POSITION)
    return;

  apl_placement_set_attitude (self->selected, attitude, strength + 1, &error);
  report (self, GTK_WIDGET (self->attitude_row), self->placement_group, error);
}

static void
field_changed_cb (GtkEditable         *editable,
                  AplStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->current == NULL)
    return;

  for (AplStakeholderField field = 0; field < APL_STAKEHOLDER_N_FIELDS; field++)
    if (GTK_EDITABLE (row_for_field (self, field)) == editable)
      {
        apl_stakeholder_set_field (self->current, field,
                                   gtk_editable_get_text (editable), &error);
        report (self, GTK_WIDGET (editable), self->stakeholder_group, error);
        return;
      }
}

static void
kind_selected_cb (AplStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (self->syncing || self->current == NULL || kind == GTK_INVALID_LIST_POSITION)
    return;

  apl_stakeholder_set_kind (self->current, kind, &error);
  report (self, GTK_WIDGET (self->kind_row), self->stakeholder_group, error);
}

static void
group_selected_cb (AplStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;
  AplStakeholderGroup *group = adw_combo_row_get_selected_item (self->group_row);

  if (self->syncing || self->current == NULL || group == NULL)
    return;

  apl_stakeholder_set_group (self->current, group, &error);
  report (self, GTK_WIDGET (self->group_row), self->stakeholder_group, error);
}

static void
place_activate_cb (AplStakeholdersPage *self,
                   guint                position,
                   GtkListView         *list)
{
  g_autoptr(AplStakeholder) stakeholder = g_list_model_get_item (G_LIST_MODEL (self->unplaced), position);
  g_autoptr(GError) error = NULL;
  AplPlacement *placement;

  if (stakeholder == NULL || self->placements == NULL)
    return;

  gtk_menu_button_popdown (self->place_button);
  placement = apl_placement_list_add (self->placements, stakeholder, NEW_INFLUENCE, NEW_INTEREST,
                                      APL_ATTITUDE_NEUTRAL, 1, &error);
  if (placement == NULL)
    {
      show_error (self, error->message);
      return;
    }
  select_placement (self, placement);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AplStakeholder *stakeholder;
  AplPlacement *placement;

  if (self->placements == NULL)
    return;

  stakeholder = apl_stakeholder_register_create (self->stakeholders, _("New stakeholder"),
                                                 APL_STAKEHOLDER_KIND_ORGANISATION, NULL, &error);
  if (stakeholder == NULL)
    {
      show_error (self, error->message);
      return;
    }
  placement = apl_placement_list_add (self->placements, stakeholder, NEW_INFLUENCE, NEW_INTEREST,
                                      APL_ATTITUDE_NEUTRAL, 1, &error);
  if (placement == NULL)
    {
      show_error (self, error->message);
      return;
    }

  select_placement (self, placement);
  /* Ready to type the real name, as a new plan is. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}

static void
remove_from_plan_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(AplPlacement) placement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->selected == NULL || self->placements == NULL)
    return;

  placement = g_object_ref (self->selected);
  if (!apl_placement_list_remove (self->placements, placement, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_set_object (&self->removed, placement);
  g_set_object (&self->removed_from, self->placements);
  /* Translators: %s is a stakeholder's name */
  title = g_strdup_printf (_("“%s” removed from this plan"),
                           apl_stakeholder_get_name (apl_placement_get_stakeholder (placement)));
  show_toast (self, title, "stakeholders.undo-remove");
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(AplPlacement) placement = g_steal_pointer (&self->removed);
  g_autoptr(AplPlacementList) list = g_steal_pointer (&self->removed_from);
  g_autoptr(GError) error = NULL;

  if (placement == NULL || list == NULL)
    return;

  if (!apl_placement_list_restore (list, placement, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (list == self->placements)
    select_placement (self, placement);
}

static void
really_delete (AplStakeholdersPage *self,
               AplStakeholder      *stakeholder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!apl_stakeholder_register_delete (self->stakeholders, stakeholder, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_set_object (&self->deleted, stakeholder);
  if (self->current == stakeholder)
    select_placement (self, NULL);
  /* Translators: %s is a stakeholder's name */
  title = g_strdup_printf (_("“%s” deleted from the register"), apl_stakeholder_get_name (stakeholder));
  show_toast (self, title, "stakeholders.undo-delete");
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    AplStakeholdersPage *self)
{
  AplStakeholder *stakeholder = g_object_get_data (G_OBJECT (dialog), "stakeholder");

  if (g_strcmp0 (response, "delete") == 0 && stakeholder != NULL)
    really_delete (self, stakeholder);
}

/* Deleting from the register removes the stakeholder from every plan: when
 * other plans use it, say which before doing it. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  AplStakeholder *stakeholder;
  GtkWidget *dialog;
  guint n_others = 0;

  if (self->current == NULL || self->stakeholders == NULL)
    return;

  stakeholder = self->current;
  plans = apl_stakeholder_register_list_plans (self->stakeholders, stakeholder, &error);
  if (plans == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      AplPlan *plan = g_ptr_array_index (plans, i);

      if (plan == self->plan)
        continue;
      if (n_others++ > 0)
        g_string_append (others, ", ");
      g_string_append_printf (others, "“%s”", apl_plan_get_title (plan));
    }

  if (n_others == 0)
    {
      really_delete (self, stakeholder);
      return;
    }

  /* Translators: %s is a stakeholder's name */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s” From Every Plan?"),
                                     apl_stakeholder_get_name (stakeholder));
  /* Translators: %s is a list of plan titles */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("It is also on the map of these plans: %s. Deleting it from the register removes it from them too."),
                                  others->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "stakeholder", g_object_ref (stakeholder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(AplStakeholder) stakeholder = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;
  AplPlacement *placement;

  if (stakeholder == NULL || self->stakeholders == NULL)
    return;

  if (!apl_stakeholder_register_undelete (self->stakeholders, stakeholder, &error))
    {
      show_error (self, error->message);
      return;
    }
  placement = self->placements ? apl_placement_list_find (self->placements, stakeholder) : NULL;
  select_stakeholder (self, placement, stakeholder);
}

/* From the register: the stakeholder the panel shows goes on this plan's
 * map, where a new one would. */
static void
place_current_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AplPlacement *placement;

  if (self->current == NULL || self->placements == NULL
      || apl_placement_list_find (self->placements, self->current) != NULL)
    return;

  placement = apl_placement_list_add (self->placements, self->current, NEW_INFLUENCE, NEW_INTEREST,
                                      APL_ATTITUDE_NEUTRAL, 1, &error);
  if (placement == NULL)
    {
      show_error (self, error->message);
      return;
    }
  select_placement (self, placement);
}

static void
add_relationship_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  AplPlacement *target = gtk_drop_down_get_selected_item (self->relationship_target_drop);
  guint kind = gtk_drop_down_get_selected (self->relationship_kind_drop);
  g_autoptr(GError) error = NULL;

  if (self->current == NULL || target == NULL || self->stakeholders == NULL
      || kind == GTK_INVALID_LIST_POSITION)
    return;

  apl_stakeholder_register_relate (self->stakeholders, self->current, apl_placement_get_stakeholder (target),
                                   (AplRelationshipKind) kind, &error);
  report (self, GTK_WIDGET (self->relationship_target_drop), self->relationships_group, error);
}

static AplRelationship *
find_relationship (AplStakeholdersPage *self,
                   gint64               id)
{
  GListModel *all = apl_stakeholder_register_get_relationships (self->stakeholders);
  guint n = g_list_model_get_n_items (all);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplRelationship) relationship = g_list_model_get_item (all, i);

      if (apl_relationship_get_id (relationship) == id)
        return relationship;
    }
  return NULL;
}

static void
remove_relationship_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(AplRelationship) relationship = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->stakeholders == NULL)
    return;
  relationship = find_relationship (self, g_variant_get_int64 (parameter));
  if (relationship == NULL)
    return;

  g_object_ref (relationship);
  if (!apl_stakeholder_register_unrelate (self->stakeholders, relationship, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_set_object (&self->unrelated_from, apl_relationship_get_from (relationship));
  g_set_object (&self->unrelated_to, apl_relationship_get_to (relationship));
  self->unrelated_kind = apl_relationship_get_kind (relationship);
  /* Translators: %s and %s are two stakeholders' names */
  title = g_strdup_printf (_("Relationship between “%s” and “%s” removed"),
                           apl_stakeholder_get_name (self->unrelated_from),
                           apl_stakeholder_get_name (self->unrelated_to));
  show_toast (self, title, "stakeholders.undo-remove-relationship");
}

static void
undo_remove_relationship_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  g_autoptr(AplStakeholder) from = g_steal_pointer (&self->unrelated_from);
  g_autoptr(AplStakeholder) to = g_steal_pointer (&self->unrelated_to);
  g_autoptr(GError) error = NULL;

  if (from == NULL || to == NULL || self->stakeholders == NULL)
    return;
  if (apl_stakeholder_register_relate (self->stakeholders, from, to, self->unrelated_kind, &error) == NULL)
    show_error (self, error->message);
}

static void
edit_groups_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  AplStakeholderGroupsDialog *dialog;

  if (self->stakeholders == NULL)
    return;
  dialog = apl_stakeholder_groups_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->stakeholders);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog     *dialog,
                    int                  response,
                    AplStakeholdersPage *self)
{
  gboolean svg = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "svg"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
    }
  g_object_unref (dialog);
  if (path == NULL)
    return;

  ok = svg
    ? apl_stakeholder_map_export_svg (self->map, path, EXPORT_WIDTH, EXPORT_HEIGHT, &error)
    : apl_stakeholder_map_export_png (self->map, path, EXPORT_WIDTH, EXPORT_HEIGHT, &error);
  if (ok)
    show_toast (self, svg ? _("Map exported as an SVG drawing") : _("Map exported as a PNG image"), NULL);
  else
    show_error (self, error->message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (widget);
  gboolean svg = g_str_has_suffix (action_name, "svg");
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  if (self->plan == NULL)
    return;

  dialog = gtk_file_chooser_native_new (svg ? _("Export Map as SVG") : _("Export Map as PNG"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, svg ? _("SVG drawings") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  /* Translators: the suggested file name of an exported map; %s is the
   * plan's title, the extension is added after it */
  name = g_strdup_printf (_("%s – stakeholder map"), apl_plan_get_title (self->plan));
  g_strdelimit (name, "/\\", '-');
  {
    g_autofree char *file_name = g_strconcat (name, svg ? ".svg" : ".png", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  }

  g_object_set_data (G_OBJECT (dialog), "svg", GINT_TO_POINTER (svg));
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Sorting */

static int
compare_stance (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return apl_placement_get_stance ((AplPlacement *) a) - apl_placement_get_stance ((AplPlacement *) b);
}

static int
compare_quadrant (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  AplPlacement *pa = (AplPlacement *) a, *pb = (AplPlacement *) b;
  int order = (int) apl_placement_get_quadrant (pa) - (int) apl_placement_get_quadrant (pb);

  /* Within a quadrant, the most influential first. */
  return order != 0 ? order : apl_placement_get_influence (pb) - apl_placement_get_influence (pa);
}

/* On this plan first. */
static int
compare_placed (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  AplStakeholdersPage *self = user_data;

  if (self->placements == NULL)
    return 0;
  return (apl_placement_list_find (self->placements, (AplStakeholder *) b) != NULL)
         - (apl_placement_list_find (self->placements, (AplStakeholder *) a) != NULL);
}

static void
set_string_sorter (GtkColumnViewColumn *column,
                   GType                type,
                   const char          *property)
{
  GtkSorter *sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (type, NULL, property)));

  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static void
setup_sorters (AplStakeholdersPage *self)
{
  GtkSorter *sorter;

  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (APL_TYPE_PLACEMENT, NULL, "name")));
  gtk_column_view_column_set_sorter (self->name_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (APL_TYPE_PLACEMENT, NULL, "group-name")));
  gtk_column_view_column_set_sorter (self->group_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (APL_TYPE_PLACEMENT, NULL, "influence")));
  gtk_column_view_column_set_sorter (self->influence_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (APL_TYPE_PLACEMENT, NULL, "interest")));
  gtk_column_view_column_set_sorter (self->interest_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_stance, NULL, NULL));
  gtk_column_view_column_set_sorter (self->attitude_column, sorter);
  g_object_unref (sorter);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_quadrant, NULL, NULL));
  gtk_column_view_column_set_sorter (self->quadrant_column, sorter);
  g_object_unref (sorter);

  set_string_sorter (self->register_name_column, APL_TYPE_STAKEHOLDER, "name");
  set_string_sorter (self->register_group_column, APL_TYPE_STAKEHOLDER, "group-name");
  set_string_sorter (self->register_owner_column, APL_TYPE_STAKEHOLDER, "owner");
  set_string_sorter (self->register_reviewed_column, APL_TYPE_STAKEHOLDER, "last-reviewed");
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_placed, self, NULL));
  gtk_column_view_column_set_sorter (self->register_placed_column, sorter);
  g_object_unref (sorter);
}

/* GObject */

static void
apl_stakeholders_page_dispose (GObject *object)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (object);

  apl_stakeholders_page_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_STAKEHOLDERS_PAGE);
  g_clear_object (&self->removed);
  g_clear_object (&self->removed_from);
  g_clear_object (&self->deleted);
  g_clear_object (&self->unrelated_from);
  g_clear_object (&self->unrelated_to);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (apl_stakeholders_page_parent_class)->dispose (object);
}

static void
apl_stakeholders_page_map (GtkWidget *widget)
{
  /* Before the children map: the map and the lists show their rows at once. */
  ensure_loaded (APL_STAKEHOLDERS_PAGE (widget));
  GTK_WIDGET_CLASS (apl_stakeholders_page_parent_class)->map (widget);
}

static void
apl_stakeholders_page_finalize (GObject *object)
{
  AplStakeholdersPage *self = APL_STAKEHOLDERS_PAGE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->unplaced);
  g_clear_object (&self->register_selection);
  g_clear_object (&self->relationships);
  g_clear_object (&self->targets);
  g_clear_pointer (&self->placed_labels, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->folded_search, g_free);

  G_OBJECT_CLASS (apl_stakeholders_page_parent_class)->finalize (object);
}

static void
apl_stakeholders_page_class_init (AplStakeholdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_stakeholders_page_dispose;
  object_class->finalize = apl_stakeholders_page_finalize;
  widget_class->map = apl_stakeholders_page_map;

  g_type_ensure (APL_TYPE_STAKEHOLDER_MAP);
  g_type_ensure (APL_TYPE_PLACEMENT);
  g_type_ensure (APL_TYPE_STAKEHOLDER);
  g_type_ensure (APL_TYPE_STAKEHOLDER_GROUP);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-stakeholders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, map_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, relationships_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, place_button);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, place_list);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, plan_scope_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, all_scope_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, register_view);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, register_name_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, register_group_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, register_owner_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, register_reviewed_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, register_placed_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, unplaced_group);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, relationships_group);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, relationship_list);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, relationship_kind_drop);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, relationship_target_drop);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, map);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, group_filter);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, group_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, influence_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, interest_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, attitude_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, quadrant_column);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, placement_group);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, stakeholder_group);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, influence_spin);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, interest_spin);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, attitude_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, strength_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, quadrant_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, group_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, concerns_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, channels_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholdersPage, reviewed_row);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, position_spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, attitude_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, place_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, relationship_target_cb);

  gtk_widget_class_install_action (widget_class, "stakeholders.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.remove-from-plan", NULL, remove_from_plan_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.export-png", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.export-svg", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.place-current", NULL, place_current_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.add-relationship", NULL, add_relationship_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.remove-relationship", "x", remove_relationship_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.undo-remove-relationship", NULL,
                                   undo_remove_relationship_action);
  gtk_widget_class_install_action (widget_class, "stakeholders.edit-groups", NULL, edit_groups_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "stakeholders.add", NULL);
  /* Delete on the map or the list takes the stakeholder off this plan,
   * not the plan itself; text fields keep Delete for themselves. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "stakeholders.remove-from-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_SHIFT_MASK, "stakeholders.delete", NULL);
}

static void
apl_stakeholders_page_init (AplStakeholdersPage *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->folded_search = g_strdup ("");
  self->group_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->group_filter, G_LIST_MODEL (self->group_names));
  g_object_unref (self->group_names);

  setup_sorters (self);
  self->filter = gtk_custom_filter_new (placement_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), g_object_ref (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (list_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->placed_labels = g_ptr_array_new ();
  self->register_filter = gtk_custom_filter_new (register_matches, self, NULL);
  self->register_filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->register_filter));
  self->register_selection =
    gtk_single_selection_new (G_LIST_MODEL (gtk_sort_list_model_new (G_LIST_MODEL (self->register_filtered),
                                                                     g_object_ref (gtk_column_view_get_sorter (self->register_view)))));
  gtk_single_selection_set_autoselect (self->register_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->register_selection, TRUE);
  g_signal_connect_object (self->register_selection, "notify::selected-item",
                           G_CALLBACK (register_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->register_view, GTK_SELECTION_MODEL (self->register_selection));
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect_object (factory, "setup", G_CALLBACK (placed_setup_cb), self, 0);
    g_signal_connect_object (factory, "bind", G_CALLBACK (placed_bind_cb), self, 0);
    g_signal_connect_object (factory, "unbind", G_CALLBACK (placed_unbind_cb), self, 0);
    gtk_column_view_column_set_factory (self->register_placed_column, factory);
    g_object_unref (factory);
  }

  self->relationship_filter = gtk_custom_filter_new (relationship_of_current, self, NULL);
  self->relationships = gtk_filter_list_model_new (NULL, GTK_FILTER (self->relationship_filter));
  gtk_list_box_bind_model (self->relationship_list, G_LIST_MODEL (self->relationships),
                           create_relationship_row_cb, self, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No relationships yet"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->relationship_list, placeholder);
  }
  self->target_filter = gtk_custom_filter_new (possible_target, self, NULL);
  self->targets = gtk_filter_list_model_new (NULL, GTK_FILTER (self->target_filter));
  gtk_drop_down_set_model (self->relationship_target_drop, G_LIST_MODEL (self->targets));

  self->unplaced_filter = gtk_custom_filter_new (stakeholder_unplaced, self, NULL);
  self->unplaced = gtk_filter_list_model_new (NULL, GTK_FILTER (self->unplaced_filter));
  {
    GtkNoSelection *none = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->unplaced)));

    gtk_list_view_set_model (self->place_list, GTK_SELECTION_MODEL (none));
    g_object_unref (none);
  }

  g_object_bind_property (self->relationships_toggle, "active", self->map, "show-relationships",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  refresh_group_filter (self);
  select_placement (self, NULL);
  update_actions (self);
}

/* Reads the store's register into the page's lists. */
static void
load_register (AplStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    {
      self->stakeholders = apl_stakeholder_register_get (self->store, &error);
      if (self->stakeholders == NULL)
        show_error (self, error->message);
    }

  if (self->stakeholders != NULL)
    {
      GListModel *groups = apl_stakeholder_register_get_groups (self->stakeholders);

      adw_combo_row_set_model (self->group_row, groups);
      g_signal_connect_object (groups, "items-changed", G_CALLBACK (refresh_group_filter),
                               self, G_CONNECT_SWAPPED);
      gtk_filter_list_model_set_model (self->unplaced, G_LIST_MODEL (self->stakeholders));
      gtk_filter_list_model_set_model (self->register_filtered, G_LIST_MODEL (self->stakeholders));
      gtk_filter_list_model_set_model (self->relationships,
                                       apl_stakeholder_register_get_relationships (self->stakeholders));
    }
  else
    {
      adw_combo_row_set_model (self->group_row, NULL);
      gtk_filter_list_model_set_model (self->unplaced, NULL);
      gtk_filter_list_model_set_model (self->register_filtered, NULL);
      gtk_filter_list_model_set_model (self->relationships, NULL);
    }
  refresh_group_filter (self);
}

/* Shows self->plan's map and lists (or none). */
static void
load_plan (AplStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->placements != NULL)
    g_signal_handlers_disconnect_by_func (self->placements, placements_changed_cb, self);
  if (self->map != NULL)
    select_placement (self, NULL);
  g_clear_object (&self->placements);

  if (self->plan != NULL && self->stakeholders != NULL)
    {
      AplPlacementList *placements = apl_stakeholder_register_get_placements (self->stakeholders, self->plan, &error);

      if (placements == NULL)
        show_error (self, error->message);
      else
        {
          self->placements = g_object_ref (placements);
          /* After the list models built on the placements have heard of the
           * change: refiltering them before would show them a state they
           * have not been told about yet. */
          g_signal_connect_object (placements, "items-changed", G_CALLBACK (placements_changed_cb),
                                   self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
        }
    }

  if (self->map == NULL)
    return;

  apl_stakeholder_map_set_model (self->map, G_LIST_MODEL (self->placements));
  apl_stakeholder_map_set_relationships (self->map, self->stakeholders && self->placements
                                         ? apl_stakeholder_register_get_relationships (self->stakeholders)
                                         : NULL);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->placements));
  gtk_filter_list_model_set_model (self->targets, G_LIST_MODEL (self->placements));
  gtk_filter_changed (GTK_FILTER (self->unplaced_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_placed_labels (self);
  update_actions (self);
  update_selection_actions (self);
}

static void
ensure_loaded (AplStakeholdersPage *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  load_register (self);
  load_plan (self);
}

/* Public API */

/**
 * apl_stakeholders_page_set_store:
 *
 * Called once by the window: the page reads the workspace's register from
 * it when it is first shown.
 */
void
apl_stakeholders_page_set_store (AplStakeholdersPage *self,
                                 AplStore            *store)
{
  g_return_if_fail (APL_IS_STAKEHOLDERS_PAGE (self));
  g_return_if_fail (store == NULL || APL_IS_STORE (store));

  if (self->store == store)
    return;

  apl_stakeholders_page_set_plan (self, NULL);
  if (self->stakeholders != NULL)
    g_signal_handlers_disconnect_by_func (apl_stakeholder_register_get_groups (self->stakeholders),
                                          refresh_group_filter, self);
  self->stakeholders = NULL;
  g_set_object (&self->store, store);

  if (self->loaded)
    load_register (self);
}

/**
 * apl_stakeholders_page_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan whose map is shown
 */
AplPlan *
apl_stakeholders_page_get_plan (AplStakeholdersPage *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDERS_PAGE (self), NULL);
  return self->plan;
}

void
apl_stakeholders_page_set_plan (AplStakeholdersPage *self,
                                AplPlan             *plan)
{
  g_return_if_fail (APL_IS_STAKEHOLDERS_PAGE (self));
  g_return_if_fail (plan == NULL || APL_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  g_set_object (&self->plan, plan);
  /* A page not shown yet reads the plan's map when it is. */
  if (self->loaded)
    load_plan (self);
}

/**
 * apl_stakeholders_page_get_map:
 *
 * Returns: (transfer none): the map widget
 */
AplStakeholderMap *
apl_stakeholders_page_get_map (AplStakeholdersPage *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDERS_PAGE (self), NULL);
  return self->map;
}

/**
 * apl_stakeholders_page_get_selected:
 *
 * Returns: (transfer none) (nullable): the placement the side panel edits
 */
AplPlacement *
apl_stakeholders_page_get_selected (AplStakeholdersPage *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDERS_PAGE (self), NULL);
  return self->selected;
}
