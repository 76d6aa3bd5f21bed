-- Демо: главная база, список пациентов / demo: the main base's patient list
CREATE TABLE patient (
    id        INT PRIMARY KEY,
    full_name VARCHAR(200) NOT NULL,
    born      DATE
);
INSERT INTO patient (id, full_name, born) VALUES (1, 'Иванов Иван Иванович', DATE '1980-03-14');
INSERT INTO patient (id, full_name, born) VALUES (2, 'Петрова Анна Сергеевна', DATE '1992-11-02');
INSERT INTO patient (id, full_name, born) VALUES (3, 'Сидоров Пётр Алексеевич', DATE '1975-07-29');
