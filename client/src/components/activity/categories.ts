/**
 * The log form's categories (the factor library's `category` values) with the names people know
 * and the seed's `activity_type` each one is logged under.
 */
export interface CategoryInfo {
  value: string;
  label: string;
  activityType: string;
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { value: 'transportation', label: 'Transportation', activityType: 'Transportation' },
  { value: 'energy', label: 'Energy', activityType: 'Energy Consumption' },
  { value: 'food', label: 'Food', activityType: 'Food Consumption' },
  { value: 'purchase', label: 'Purchases', activityType: 'Purchase' },
  { value: 'travel', label: 'Business travel', activityType: 'Travel' },
  { value: 'waste', label: 'Waste', activityType: 'Waste' },
  { value: 'other', label: 'Other', activityType: 'Other' },
];

export function categoryLabel(value: string | null | undefined): string {
  if (!value) return 'Uncategorised';
  return CATEGORIES.find((c) => c.value === value)?.label ?? value;
}

export function activityTypeFor(category: string): string {
  return CATEGORIES.find((c) => c.value === category)?.activityType ?? 'Other';
}
