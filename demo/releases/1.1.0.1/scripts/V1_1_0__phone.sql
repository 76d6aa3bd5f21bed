-- Демо, мажорный выпуск: новая колонка «телефон» в списке пациентов / demo major release: a phone column
ALTER TABLE patient ADD phone VARCHAR(20);
UPDATE patient SET phone = '+7 900 123-45-67' WHERE id = 1;
