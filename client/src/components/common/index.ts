/** The design system's building blocks (the seed's Common components). */
export { Alert, type AlertProps, type AlertSeverity } from './alert.tsx';
export { Button, type ButtonProps, type ButtonVariant } from './button.tsx';
export { Card, type CardProps } from './card.tsx';
export { Checkbox, type CheckboxProps } from './checkbox.tsx';
export { Dialog, type DialogProps } from './dialog.tsx';
export { Input, TextArea, type InputProps, type TextAreaProps } from './input.tsx';
export { LoadingSpinner, type LoadingSpinnerProps } from './loading-spinner.tsx';
export { Select, type SelectOption, type SelectProps } from './select.tsx';
